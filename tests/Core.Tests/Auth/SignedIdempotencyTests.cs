using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>
/// Signed message ids as idempotency keys, and each preset's provider id, on the real host with the Auth.Hmac plugin
/// and a real SQLite file: a captured request cannot be replayed under a fresh key (not even after a restart), a
/// retry is answered as a replay of the first answer, and nothing is stored twice.
/// </summary>
public sealed class SignedIdempotencyTests : IAsyncLifetime
{
    private const string GitHubSecret = "github-idempotency-secret";
    private const string ShopifySecret = "shopify-idempotency-secret";
    private const string StripeSecret = "whsec_stripe_idempotency_secret";
    private const string SlackSecret = "slack-idempotency-secret";

    private readonly TempFolder _folder = new();
    private readonly byte[] _standardKey = RandomNumberGenerator.GetBytes(32);
    private string _config = null!;
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        _config = Write(_folder, retentionHours: null);
        _host = await LoopbackHost.StartAsync(_config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Captured_standard_webhooks_request_replayed_after_a_restart_with_an_added_Idempotency_Key_is_a_replay_and_stored_once()
    {
        const string body = """{"type":"invoice.paid","amount":100}""";
        var captured = SignedRequests.StandardWebhooks(_standardKey, $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow, body);
        var first = await SignedRequests.PostAsync(_host.Client, "standard", body, captured);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The replay record is in the SQLite file, not in the process that verified the message.
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _host = await LoopbackHost.StartAsync(_config);
        var replayed = await SignedRequests.PostAsync(_host.Client, "standard", body, [.. captured, ("Idempotency-Key", "anything")]);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(SignedRequests.IsReplay(replayed));
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString(),
            (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString());
        Assert.Equal(1, Count("SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'standard'"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM runs WHERE hook_name = 'standard'"));
    }

    [Fact]
    public async Task Standard_webhooks_retry_signed_again_later_is_200_with_the_first_ids_and_Idempotent_Replayed()
    {
        const string body = """{"type":"invoice.paid","amount":200}""";
        var id = $"msg_{Guid.NewGuid():N}";
        var first = await SignedRequests.PostAsync(_host.Client, "standard", body, SignedRequests.StandardWebhooks(_standardKey, id, DateTimeOffset.UtcNow.AddSeconds(-30), body));
        var retry = await SignedRequests.PostAsync(_host.Client, "standard", body, SignedRequests.StandardWebhooks(_standardKey, id, DateTimeOffset.UtcNow, body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(SignedRequests.IsReplay(first));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(SignedRequests.IsReplay(retry));
        var firstIds = await first.Content.ReadFromJsonAsync<JsonElement>();
        var retryIds = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstIds.GetProperty("requestId").GetString(), retryIds.GetProperty("requestId").GetString());
        Assert.Equal(firstIds.GetProperty("eventId").GetString(), retryIds.GetProperty("eventId").GetString());
        Assert.Equal(firstIds.GetProperty("runId").GetString(), retryIds.GetProperty("runId").GetString());
        Assert.Equal(1, Count("SELECT COUNT(*) FROM runs WHERE hook_name = 'standard'"));
    }

    [Fact]
    public async Task Svix_header_names_verify_and_the_same_message_under_either_set_is_stored_once()
    {
        const string body = """{"type":"user.created"}""";
        var id = $"msg_{Guid.NewGuid():N}";
        var svix = await SignedRequests.PostAsync(_host.Client, "standard", body, SignedRequests.StandardWebhooks(_standardKey, id, DateTimeOffset.UtcNow, body, prefix: "svix"));
        var standard = await SignedRequests.PostAsync(_host.Client, "standard", body, SignedRequests.StandardWebhooks(_standardKey, id, DateTimeOffset.UtcNow, body));
        var wrongSvix = await SignedRequests.PostAsync(
            _host.Client, "standard", body, SignedRequests.StandardWebhooks(RandomNumberGenerator.GetBytes(32), $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow, body, prefix: "svix"));

        Assert.Equal(HttpStatusCode.OK, svix.StatusCode);
        Assert.False(SignedRequests.IsReplay(svix));
        Assert.Equal(HttpStatusCode.OK, standard.StatusCode);
        Assert.True(SignedRequests.IsReplay(standard));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSvix.StatusCode);
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'standard' AND headers LIKE '%{id}%'"));
    }

    [Fact]
    public async Task GitHub_redelivery_with_the_same_X_GitHub_Delivery_is_a_replay_and_stored_once()
    {
        const string body = """{"ref":"refs/heads/main","after":"c0ffee"}""";
        var delivery = Guid.NewGuid().ToString();
        var first = await SignedRequests.PostAsync(_host.Client, "github", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", delivery));
        var redelivery = await SignedRequests.PostAsync(_host.Client, "github", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", delivery));
        var next = await SignedRequests.PostAsync(_host.Client, "github", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.True(SignedRequests.IsReplay(redelivery));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.False(SignedRequests.IsReplay(next));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'github' AND headers LIKE '%{delivery}%'"));
    }

    [Fact]
    public async Task A_hooks_own_idempotency_headers_replace_the_presets_unsigned_provider_id()
    {
        const string body = """{"ref":"refs/heads/main","after":"beef"}""";
        var delivery = Guid.NewGuid().ToString();
        var order = Guid.NewGuid().ToString();
        var first = await SignedRequests.PostAsync(_host.Client, "github-own-key", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", delivery), ("X-Order", order));
        var otherOrder = await SignedRequests.PostAsync(_host.Client, "github-own-key", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", delivery), ("X-Order", order + "-2"));
        var sameOrder = await SignedRequests.PostAsync(_host.Client, "github-own-key", body, SignedRequests.GitHub(GitHubSecret, body), ("X-GitHub-Delivery", Guid.NewGuid().ToString()), ("X-Order", order));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherOrder.StatusCode);
        Assert.False(SignedRequests.IsReplay(otherOrder));
        Assert.Equal(HttpStatusCode.OK, sameOrder.StatusCode);
        Assert.True(SignedRequests.IsReplay(sameOrder));
        Assert.Equal(2, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'github-own-key' AND headers LIKE '%{order}%'"));
    }

    [Fact]
    public async Task Shopify_retry_with_the_same_X_Shopify_Webhook_Id_is_a_replay_and_stored_once()
    {
        const string body = """{"id":820982911946154508,"email":"jon@example.com"}""";
        var webhookId = Guid.NewGuid().ToString();
        var first = await SignedRequests.PostAsync(_host.Client, "shopify", body, SignedRequests.Shopify(ShopifySecret, body), ("X-Shopify-Webhook-Id", webhookId));
        var retry = await SignedRequests.PostAsync(_host.Client, "shopify", body, SignedRequests.Shopify(ShopifySecret, body), ("X-Shopify-Webhook-Id", webhookId));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(SignedRequests.IsReplay(retry));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'shopify' AND headers LIKE '%{webhookId}%'"));
    }

    [Fact]
    public async Task Stripe_event_resent_with_a_new_signature_is_a_replay_whatever_Idempotency_Key_it_carries()
    {
        var eventId = $"evt_{Guid.NewGuid():N}";
        var body = $$"""{"id":"{{eventId}}","object":"event","type":"payment_intent.succeeded"}""";
        var first = await SignedRequests.PostAsync(_host.Client, "stripe", body, SignedRequests.Stripe(StripeSecret, DateTimeOffset.UtcNow.AddSeconds(-60), body));
        var resent = await SignedRequests.PostAsync(
            _host.Client, "stripe", body, SignedRequests.Stripe(StripeSecret, DateTimeOffset.UtcNow, body), ("Idempotency-Key", "a-fresh-key"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.True(SignedRequests.IsReplay(resent));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'stripe' AND CAST(body AS TEXT) LIKE '%{eventId}%'"));
    }

    [Fact]
    public async Task Slack_event_retried_with_X_Slack_Retry_Num_is_a_replay_and_stored_once()
    {
        var eventId = $"Ev{Guid.NewGuid():N}";
        var body = $$$"""{"type":"event_callback","event_id":"{{{eventId}}}","event":{"type":"app_mention","text":"hi"}}""";
        var first = await SignedRequests.PostAsync(_host.Client, "slack", body, SignedRequests.Slack(SlackSecret, DateTimeOffset.UtcNow.AddSeconds(-5), body));
        var retry = await SignedRequests.PostAsync(
            _host.Client, "slack", body, [.. SignedRequests.Slack(SlackSecret, DateTimeOffset.UtcNow, body), ("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout")]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(SignedRequests.IsReplay(retry));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'slack' AND CAST(body AS TEXT) LIKE '%{eventId}%'"));
    }

    [Fact]
    public async Task A_signed_id_is_kept_for_the_timestamp_tolerance_even_when_the_hooks_retention_is_shorter()
    {
        using var folder = new TempFolder();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var config = Write(folder, retentionHours: 0.01); // 36 seconds, against a tolerance of 300
        const string body = """{"type":"invoice.paid","amount":300}""";
        var captured = SignedRequests.StandardWebhooks(_standardKey, $"msg_{Guid.NewGuid():N}", clock.GetUtcNow(), body);
        HttpResponseMessage first;
        HttpResponseMessage replayed;
        await using (var host = await LoopbackHost.StartAsync(config, webhooks => webhooks.AddPlugin(new ClockPlugin(clock))))
        {
            first = await SignedRequests.PostAsync(host.Client, "standard", body, captured);

            // Past the hook's retention, still within the tolerance: the signature still verifies.
            clock.Advance(TimeSpan.FromMinutes(2));
            replayed = await SignedRequests.PostAsync(host.Client, "standard", body, [.. captured, ("Idempotency-Key", "anything")]);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(SignedRequests.IsReplay(replayed));
        Assert.Equal(1, StoredRows.InboundEvents(Deployments.DatabasePath(folder)));
    }

    private string Write(TempFolder folder, double? retentionHours)
    {
        object Hook(string name, object settings, object? idempotency = null) => idempotency is null
            ? new { name, auth = new { scheme = "hmac", settings }, action = new { type = "command", settings = new { command = "true" } } }
            : new { name, auth = new { scheme = "hmac", settings }, action = new { type = "command", settings = new { command = "true" } }, idempotency };

        var standard = new { preset = "standard-webhooks", secrets = new[] { "whsec_" + Convert.ToBase64String(_standardKey) } };
        return Deployments.Write(folder,
            [
                Hook("standard", standard, retentionHours is { } hours ? new { retentionHours = hours } : null),
                Hook("github", new { preset = "github", secrets = new[] { GitHubSecret } }),
                Hook("github-own-key", new { preset = "github", secrets = new[] { GitHubSecret } }, new { headers = new[] { "X-Order" } }),
                Hook("shopify", new { preset = "shopify", secrets = new[] { ShopifySecret } }),
                Hook("stripe", new { preset = "stripe", secrets = new[] { StripeSecret } }),
                Hook("slack", new { preset = "slack", secrets = new[] { SlackSecret } }),
            ],
            extraPlugins: [new { name = "Auth.Hmac" }]);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Deployments.DatabasePath(_folder)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
