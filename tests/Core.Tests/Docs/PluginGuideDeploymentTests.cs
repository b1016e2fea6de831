using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Core.Tests.Plugins;

namespace Webhooks.Modular.Core.Tests.Docs;

/// <summary>
/// docs/plugins.md's deployment, verbatim, on the real host: its sample plugin (samples/GreetingPlugin, the code the
/// guide quotes) built and dropped into the folder the guide's plugins.json names, serving the guide's hook.
/// </summary>
public sealed class PluginGuideDeploymentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_guides_plugins_json_serves_its_hook_with_the_sample_plugin()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "plugins.md"));
        var deployment = GuideDeployment(guide);
        ExternalPluginTests.CopyDirectory(RepoPaths.Plugin("GreetingPlugin"), _folder.File("plugins/greeting"));
        var config = _folder.Write("plugins.json", deployment);
        await using var host = await LoopbackHost.StartAsync(config);

        var refused = await PostAsync(host, "open-sesam");
        var accepted = await PostAsync(host, "open-sesame");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Greeting", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await host.WaitForRunAsync(runId);
        Assert.Equal("hey, Ada", run.GetProperty("output").GetString());
        Assert.Equal("hey from Greeting", await host.Client.GetStringAsync("/greeting-plugin"));
    }

    /// <summary>The guide's one ```json block that loads the Greeting plugin.</summary>
    private static string GuideDeployment(string guide)
    {
        var blocks = guide.ReplaceLineEndings("\n").Split("```json\n").Skip(1).Select(b => b[..b.IndexOf("\n```", StringComparison.Ordinal)]);
        return Assert.Single(blocks, b => b.Contains("\"Greeting\"", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostAsync(LoopbackHost host, string word)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/greet") { Content = new StringContent("""{"name":"Ada"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Greeting", word);
        return host.Client.SendAsync(request);
    }
}
