using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Plugins;

/// <summary>
/// A plugin built outside the solution against Abstractions only (Fixture.GreetingPlugin), copied into a folder
/// that plugins.json names, loads and serves a hook with its own auth scheme, action and endpoint.
/// </summary>
public sealed class ExternalPluginTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Plugin_dropped_into_a_named_folder_serves_a_hook()
    {
        CopyDirectory(RepoPaths.Plugin("Fixture.GreetingPlugin"), _folder.File("third-party/greeting"));
        var config = Deployments.Write(_folder,
            [new
            {
                name = "greet",
                auth = new { scheme = "greeting", settings = new { word = "open-sesame" } },
                action = new { type = "greet" },
            }],
            extraPlugins: [new { name = "Greeting", path = "third-party/greeting", settings = new { salutation = "hey" } }]);
        await using var host = await LoopbackHost.StartAsync(config);

        var rejected = await PostAsync(host, "wrong");
        var accepted = await PostAsync(host, "open-sesame");

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("Greeting", rejected.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await host.WaitForRunAsync(runId);
        Assert.Equal("hey, Ada", run.GetProperty("output").GetString());
        Assert.Equal("loaded as Greeting", await host.Client.GetStringAsync("/greeting-plugin"));
    }

    private static Task<HttpResponseMessage> PostAsync(LoopbackHost host, string word)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/greet") { Content = new StringContent("""{"name":"Ada"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Greeting", word);
        return host.Client.SendAsync(request);
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
