using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>The repository's own plugins.json, as the README's demo uses it, run by the real host executable.</summary>
public sealed class DefaultDeploymentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Readme_demo_curl_gets_a_run_whose_output_holds_the_posted_value()
    {
        // The root plugins.json, copied so the test's ./data stays in a temp folder.
        var config = _folder.Write("plugins.json", File.ReadAllText(Path.Combine(RepoPaths.Root, "plugins.json")));
        await using var host = HostProcess.Start(config);
        await host.WaitUntilReadyAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/demo")
        {
            Content = new StringContent("""{"greeting":"hello from the README"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", "demo-key");
        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await RunPolling.WaitForRunAsync(host.Client, runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Contains("hello from the README", run.GetProperty("output").GetString());
        Assert.True(File.Exists(_folder.File("data/webhooks.db")), "the store lives under ./data beside plugins.json");
    }

    [Fact]
    public void Readme_shows_the_two_commands_and_the_demo_curl()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Contains("dotnet run --project src/Host", readme);
        Assert.Contains("dotnet test", readme);
        Assert.Contains("curl", readme);
        Assert.Contains("X-API-Key: demo-key", readme);
        Assert.Contains("/runs/", readme);
    }
}
