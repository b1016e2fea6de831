using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// The Dagu surface (the real host executable, <c>examples/dagu</c>) under bad input: a trigger whose body stalls gets
/// 408 <c>request_timeout</c> with no stack trace in the server's log, and too many invalid tokens from one address
/// get 429 <c>too_many_requests</c> with <c>Retry-After</c>, even for the right token.
/// </summary>
public sealed class DaguGuardTests : IDisposable
{
    private const int Limit = 2;

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_stalled_trigger_body_is_408_and_invalid_tokens_then_429_with_Retry_After()
    {
        var config = DaguExample.CopyTo(_folder);
        var document = JsonNode.Parse(File.ReadAllText(config), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!;
        document["authFailures"] = new JsonObject { ["limit"] = Limit, ["windowSeconds"] = 60 };
        File.WriteAllText(config, document.ToJsonString());
        var environment = new Dictionary<string, string?>(DaguExample.AdminEnvironment)
        {
            ["Kestrel__Limits__MinRequestBodyDataRate__BytesPerSecond"] = "100",
            ["Kestrel__Limits__MinRequestBodyDataRate__GracePeriod"] = "00:00:01.500",
        };
        await using var host = HostProcess.Start(config, environment: environment);
        await host.WaitUntilReadyAsync();
        var api = new DaguApiClient(host.Client);
        var session = await api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
        var created = await api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        var token = created.Json.GetProperty("token").GetString()!;

        // Served once the right token is taken (a new webhook is picked up within about a second); successes spend nothing.
        var clock = Stopwatch.StartNew();
        DaguApiClient.Answer served;
        while ((served = await api.TriggerAsync(token, """{"payload":{}}""")).Status == HttpStatusCode.NotFound)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the webhook was not served: {served}");
            await Task.Delay(50);
        }

        Assert.True(served.Status == HttpStatusCode.OK, served.ToString());

        var stalled = await RawHttp.SendStalledAsync(
            host.Address,
            $"POST /api/v1/webhooks/my-dag HTTP/1.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nX-Request-Id: dagu-slow-1",
            declaredLength: 1000,
            sentBody: """{"payload":""",
            TimeSpan.FromSeconds(60));
        Assert.True(stalled.Status == 408, $"{stalled.Status} {stalled.Body}\n{host.StandardOutput}");
        Assert.Equal("dagu-slow-1", stalled.Headers["X-Request-Id"]);
        Assert.Contains("\"request_timeout\"", stalled.Body);

        for (var i = 0; i < Limit; i++)
        {
            var wrong = await api.TriggerAsync("dagu_wh_not-a-token", """{"payload":{}}""");
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (wrong.Status, wrong.Code));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/my-dag") { Content = new StringContent("""{"payload":{}}""") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var refused = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("\"too_many_requests\"", await refused.Content.ReadAsStringAsync());

        clock.Restart();
        while (!host.StandardOutput.Contains("did not arrive in time", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no warning for the stalled body: {host.StandardOutput}");
            await Task.Delay(50);
        }

        var output = host.StandardOutput + host.StandardError;
        Assert.DoesNotContain("fail:", output);
        Assert.DoesNotContain("   at ", output);
    }
}
