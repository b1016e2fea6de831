using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Management;

/// <summary>
/// <c>GET /api/v1/hooks/{name}/rejections</c> on the real host: refused requests with the authenticator's own reason,
/// the sender's address and header names, never a credential or the body; accepted requests are not in it; the ring
/// keeps only the latest N.
/// </summary>
public sealed class ManagementRejectionTests
{
    [Fact]
    public async Task Refused_requests_are_listed_newest_first_with_their_reason_and_header_names_and_no_secret()
    {
        await using var host = await ManagementHost.StartAsync();
        const string WrongKey = "wrong-key-7c41d9";
        const string BodyMarker = "body-marker-5e2a";
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, $$"""{"m":"{{BodyMarker}}"}""", ("X-API-Key", WrongKey), ("X-Sender-Trace", "t-1")));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, "{}"));
        await host.PostAsync("""{"ok":true}""");

        var path = $"/api/v1/hooks/{ManagementHost.Hook}/rejections";
        using (var anonymous = await host.SendAsync(HttpMethod.Get, path, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var answer = await host.GetAsync(path); // as the viewer
        Assert.Equal((ManagementHost.Hook, 100), (answer.GetProperty("hook").GetString(), answer.GetProperty("capacity").GetInt32()));
        var items = answer.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.Equal(["missing header X-API-Key", "unknown key"], items.Select(i => i.GetProperty("reason").GetString()));
        foreach (var item in items)
        {
            Assert.Equal((401, "unauthorized", "127.0.0.1"), (
                item.GetProperty("statusCode").GetInt32(), item.GetProperty("outcome").GetString(), item.GetProperty("remoteAddress").GetString()));
            Assert.InRange(item.GetProperty("at").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
            Assert.False(string.IsNullOrEmpty(item.GetProperty("requestId").GetString()));
        }

        var names = items[1].GetProperty("headerNames").EnumerateArray().Select(n => n.GetString()).ToArray();
        Assert.Contains("X-API-Key", names, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("X-Sender-Trace", names, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-API-Key", items[0].GetProperty("headerNames").EnumerateArray().Select(n => n.GetString()), StringComparer.OrdinalIgnoreCase);
        var raw = answer.GetRawText();
        Assert.DoesNotContain(WrongKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Deployments.ApiKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(BodyMarker, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("t-1", raw, StringComparison.Ordinal);

        using var unknown = await host.SendAsync(HttpMethod.Get, "/api/v1/hooks/no-such-hook/rejections", host.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var document = JsonDocument.Parse(await host.Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var responses = document.GetProperty("paths").GetProperty("/api/v1/hooks/{name}/rejections").GetProperty("get").GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out _));
        Assert.True(responses.TryGetProperty("401", out _));
    }

    [Fact]
    public void The_ring_keeps_the_latest_n_per_hook_newest_first()
    {
        var log = new RejectionLog(Options.Create(new RejectionLogOptions { PerHook = 3 }));
        for (var i = 0; i < 5; i++)
        {
            log.Add("a", new RejectedRequest(DateTimeOffset.UnixEpoch.AddSeconds(i), $"r{i}", null, 401, "unauthorized", "unknown key", []));
        }

        log.Add("b", new RejectedRequest(DateTimeOffset.UnixEpoch, "b0", null, 413, "payload_too_large", "too big", []));
        Assert.Equal(["r4", "r3", "r2"], log.Recent("a").Select(r => r.RequestId));
        Assert.Equal(["b0"], log.Recent("b").Select(r => r.RequestId));
        Assert.Empty(log.Recent("c"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RejectionLog(Options.Create(new RejectionLogOptions { PerHook = 10_001 })));
    }

    private static async Task<HttpStatusCode> PostAsync(ManagementHost host, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{ManagementHost.Hook}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await host.Host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
