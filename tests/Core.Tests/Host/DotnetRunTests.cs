using System.Diagnostics;
using System.Net;
using System.Text;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>The README's run command, <c>dotnet run --project src/Host</c>, reads plugins.json from the folder it is typed in.</summary>
public sealed class DotnetRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Dotnet_run_uses_plugins_json_of_the_current_folder()
    {
        File.WriteAllText(_folder.File("plugins.json"), File.ReadAllText(Path.Combine(RepoPaths.Root, "plugins.json")));
        var port = HostProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--no-build", "-c", RepoPaths.Configuration, "--project", Path.Combine(RepoPaths.Root, "src", "Host", "Host.csproj"), "--", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? response = null;
            for (var i = 0; i < 300 && response is null && !process.HasExited; i++)
            {
                try
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/demo") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                    request.Headers.Add("X-API-Key", "demo-key");
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.False(process.HasExited, "the host exited: " + (process.HasExited ? await errors : string.Empty));
            Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
            Assert.True(File.Exists(_folder.File("data/webhooks.db")), "the store is under ./data of the current folder");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
