using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Pipeline;

/// <summary>
/// Brute force against a hook's credentials, on real Kestrel with clients on different loopback addresses: after
/// <c>authFailures.limit</c> failures from one address within the window, that address gets 429 with
/// <c>Retry-After</c> on that hook, even with the right key, until the window ends; other addresses, and senders
/// whose requests succeed, are never refused.
/// </summary>
public sealed class AuthFailureLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private const int WindowSeconds = 5;

    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Sender = IPAddress.Parse("127.0.0.3");

    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("guarded", "true"), Deployments.CommandHook("other", "true")]);
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))!;
        document["authFailures"] = new System.Text.Json.Nodes.JsonObject { ["limit"] = Limit, ["windowSeconds"] = WindowSeconds };
        File.WriteAllText(config, document.ToJsonString());
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Wrong_keys_from_one_address_then_429_with_Retry_After_while_another_address_is_served()
    {
        using var attacker = RawHttp.ClientFrom(Attacker, _host.Address);
        using var sender = RawHttp.ClientFrom(Sender, _host.Address);

        for (var i = 0; i < Limit; i++)
        {
            using var wrong = await PostAsync(attacker, "guarded", $"wrong-key-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await PostAsync(attacker, "guarded", "wrong-key-again");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(WindowSeconds));
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(refused.Headers.GetValues("X-Request-Id").Single(), problem.RootElement.GetProperty("requestId").GetString());
        }

        // The right key from the refused address is refused too: answering it would tell a guesser which guess was right.
        using var rightKeyFromAttacker = await PostAsync(attacker, "guarded", Deployments.ApiKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyFromAttacker.StatusCode);

        // Another address is served, and its own failures are its own; another hook is not refused to the attacker.
        using var genuine = await PostAsync(sender, "guarded", Deployments.ApiKey);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        using var senderTypo = await PostAsync(sender, "guarded", "typo");
        Assert.Equal(HttpStatusCode.Unauthorized, senderTypo.StatusCode);
        using var otherHook = await PostAsync(attacker, "other", Deployments.ApiKey);
        Assert.Equal(HttpStatusCode.OK, otherHook.StatusCode);

        // Once the window has passed, the address is served again (polled: no fixed sleep).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode status;
        do
        {
            using var again = await PostAsync(attacker, "guarded", Deployments.ApiKey);
            status = again.StatusCode;
            if (status == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_genuine_sender_under_load_never_sees_429()
    {
        using var sender = RawHttp.ClientFrom(Sender, _host.Address);

        // Many times the limit, in parallel: successful requests spend nothing of the failure budget.
        var statuses = await Task.WhenAll(Enumerable.Range(0, Limit * 20).Select(async i =>
        {
            using var response = await PostAsync(sender, "guarded", Deployments.ApiKey, $$"""{"n":{{i}}}""");
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        // ... and Limit - 1 typos among them still leave it served.
        for (var i = 0; i < Limit - 1; i++)
        {
            using var typo = await PostAsync(sender, "guarded", "typo");
            Assert.Equal(HttpStatusCode.Unauthorized, typo.StatusCode);
        }

        using var after = await PostAsync(sender, "guarded", Deployments.ApiKey);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string hook, string key, string body = "{}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key);
        return await client.SendAsync(request);
    }
}
