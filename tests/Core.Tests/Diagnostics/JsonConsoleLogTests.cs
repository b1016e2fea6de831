using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// The host process with the JSON console formatter (<c>Logging__Console__FormatterName=json</c>, as
/// docs/operations.md says): each plugin is logged at start with its name, version and folder, and a request's line
/// carries the engine's <c>WebhookRequestId</c> beside ASP.NET Core's own <c>RequestId</c> scope, not in its place.
/// </summary>
public sealed class JsonConsoleLogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_plugin_is_logged_at_start_and_a_request_line_keeps_its_own_request_id_field()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("orders", "true")]);
        await using var host = HostProcess.Start(config, environment: new Dictionary<string, string?>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        request.Headers.Add("X-Request-Id", "req-json-1");
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        var accepted = await WaitForLineAsync(host, l => EventId(l) == 1201);
        var state = accepted.GetProperty("State");
        Assert.Equal("req-json-1", state.GetProperty("WebhookRequestId").GetString());
        Assert.False(state.TryGetProperty("RequestId", out _), accepted.ToString());
        var scopeRequestIds = accepted.GetProperty("Scopes").EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _))
            .Select(s => s.GetProperty("RequestId").GetString())
            .ToList();
        Assert.NotEmpty(scopeRequestIds); // ASP.NET Core's connection-level id is still there, under its own name.
        Assert.DoesNotContain("req-json-1", scopeRequestIds);

        var plugins = Lines(host).Where(l => EventId(l) == 3001).Select(l => l.GetProperty("State")).ToList();
        foreach (var name in new[] { "Storage.Sqlite", "Auth.ApiKey", "Conditions.JsonField", "Actions.Command" })
        {
            var line = Assert.Single(plugins, p => p.GetProperty("Plugin").GetString() == name);
            Assert.Matches(@"^\d+\.\d+", line.GetProperty("PluginVersion").GetString());
            var folder = line.GetProperty("PluginFolder").GetString()!;
            Assert.True(Directory.Exists(folder), folder);
            Assert.Equal(name, Path.GetFileName(folder));
        }
    }

    private static int? EventId(JsonElement line) => line.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;

    private static async Task<JsonElement> WaitForLineAsync(HostProcess host, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var found = Lines(host).Where(match).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no such log line in:\n" + host.StandardOutput);
            }

            await Task.Delay(100);
        }
    }

    private static List<JsonElement> Lines(HostProcess host)
    {
        var lines = new List<JsonElement>();
        foreach (var text in host.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (text.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(text);
                lines.Add(document.RootElement.Clone());
            }
        }

        return lines;
    }
}
