using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// The request log on the real host: one Information line per accepted and per rejected webhook, with the hook, the
/// status, the request id (as <c>WebhookRequestId</c>, not ASP.NET Core's own <c>RequestId</c> field) and, for a
/// rejection, the reason; never the body or a credential; and a setting that switches it off.
/// </summary>
public sealed class RequestLogTests : IDisposable
{
    private const string BodyMarker = "body-marker-7f3a";
    private const string WrongKey = "wrong-key-5d21c9";
    private const int Accepted = 1201;
    private const int Rejected = 1202;

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_accepted_request_is_one_information_line_with_hook_status_and_request_id_and_no_body()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("orders", "true")]));
        var logs = Capture(host);

        using var response = await SendAsync(host, "orders", Deployments.ApiKey, "req-accepted-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.EventId is Accepted or Rejected);
        Assert.Equal(Accepted, line.EventId);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("orders", line.Field("Hook"));
        Assert.Equal("req-accepted-1", line.Field("WebhookRequestId"));
        Assert.Equal("Accepted", line.Field("Status"));
        AssertNothingSecret(logs);
    }

    [Fact]
    public async Task A_rejected_request_is_one_information_line_with_the_reason_and_no_credential()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("orders", "true")]));
        var logs = Capture(host);

        using var unauthorized = await SendAsync(host, "orders", WrongKey, "req-rejected-1");
        using var missing = await SendAsync(host, "no-such-hook", Deployments.ApiKey, "req-rejected-2");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var lines = logs.Entries.Where(e => e.EventId is Accepted or Rejected).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(Rejected, l.EventId));
        Assert.All(lines, l => Assert.Equal(LogLevel.Information, l.Level));
        var first = Assert.Single(lines, l => l.Field("WebhookRequestId") == "req-rejected-1");
        Assert.Equal("orders", first.Field("Hook"));
        Assert.Equal("Unauthorized", first.Field("Status"));
        Assert.False(string.IsNullOrWhiteSpace(first.Field("Reason")));
        var second = Assert.Single(lines, l => l.Field("WebhookRequestId") == "req-rejected-2");
        Assert.Equal("no-such-hook", second.Field("Hook"));
        Assert.Equal("HookNotFound", second.Field("Status"));
        Assert.False(string.IsNullOrWhiteSpace(second.Field("Reason")));
        AssertNothingSecret(logs);
    }

    [Fact]
    public async Task The_request_log_can_be_switched_off()
    {
        await using var host = await LoopbackHost.StartAsync(
            Deployments.Write(_folder, [Deployments.CommandHook("orders", "true")]), arguments: ["--Webhooks:RequestLog:Enabled=false"]);
        var logs = Capture(host);

        using var accepted = await SendAsync(host, "orders", Deployments.ApiKey, "req-off-1");
        using var rejected = await SendAsync(host, "orders", WrongKey, "req-off-2");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.EventId is Accepted or Rejected);

        // The authentication warning is not part of the request log and stays.
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Field("WebhookRequestId") == "req-off-2");
    }

    [Fact]
    public async Task No_engine_log_line_uses_the_RequestId_field_that_AspNetCore_puts_in_its_scope()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("orders", "true")]));
        var logs = Capture(host);

        using var accepted = await SendAsync(host, "orders", Deployments.ApiKey, "req-scope-1");
        using var rejected = await SendAsync(host, "orders", WrongKey, "req-scope-2");
        var run = await RunIdAsync(accepted);
        await host.WaitForRunAsync(run);
        await WaitUntilAsync(() => logs.Entries.Any(e => e.Message.Contains(run, StringComparison.Ordinal)));

        var engine = logs.Entries.Where(e => e.Category.StartsWith("Webhooks.Modular", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(engine, e => e.Fields.ContainsKey("RequestId"));

        // The authentication warning and the run's line name the request under the engine's own field.
        Assert.Contains(engine, e => e.Level == LogLevel.Warning && e.Field("WebhookRequestId") == "req-scope-2");
        Assert.Contains(engine, e => e.Field("RunId") == run && e.Field("WebhookRequestId") == "req-scope-1");
    }

    private static async Task<HttpResponseMessage> SendAsync(LoopbackHost host, string hook, string key, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}")
        {
            Content = new StringContent($$"""{"note":"{{BodyMarker}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", key);
        request.Headers.Add("X-Request-Id", requestId);
        return await host.Client.SendAsync(request);
    }

    private static async Task<string> RunIdAsync(HttpResponseMessage response)
    {
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("runId").GetString()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private static void AssertNothingSecret(StructuredLogs logs)
    {
        foreach (var entry in logs.Entries)
        {
            var everything = entry.Message + " " + string.Join(" ", entry.Fields.Values);
            Assert.DoesNotContain(BodyMarker, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongKey, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Deployments.ApiKey, everything, StringComparison.Ordinal);
        }
    }

    private static StructuredLogs Capture(LoopbackHost host)
    {
        var logs = new StructuredLogs();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        return logs;
    }
}
