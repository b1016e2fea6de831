using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>
/// Inbound interop: each provider's own npm library signs a realistic body (see <c>tests/Interop/node/sign.js</c>),
/// the test posts it with every header that provider sends to a hook with the matching <c>hmac</c> preset on the
/// real host, and the host accepts and stores it byte-exact; the same headers over a changed body are refused.
/// Slack's libraries verify but cannot sign, so Slack's signature is made with node:crypto as Slack documents it
/// and must pass <c>@slack/bolt</c>'s <c>verifySlackRequest</c> before it is sent.
/// </summary>
public sealed class InboundInteropTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly string _githubSecret = "interop-github-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _stripeSecret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _standardSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    private readonly string _slackSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _shopifySecret = "shpss_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private LoopbackHost? _host;

    private LoopbackHost Host => _host ?? throw new InvalidOperationException(NodePeer.MissingReason);

    public async Task InitializeAsync()
    {
        if (NodePeer.MissingReason is not null)
        {
            return; // every test here is skipped; no host needed
        }

        var config = Deployments.Write(_folder,
            [
                Hook("github", "github", _githubSecret),
                Hook("stripe", "stripe", _stripeSecret),
                Hook("standard", "standard-webhooks", _standardSecret),
                Hook("slack", "slack", _slackSecret),
                Hook("shopify", "shopify", _shopifySecret),
            ],
            extraPlugins: [new { name = "Auth.Hmac" }]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [NodeInteropFact]
    public async Task GitHub_push_signed_by_octokit_webhooks_methods_is_200_and_stored_byte_exact()
    {
        var body = PeerPayloads.GitHubPush(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
        var signed = await SignAsync("github", _githubSecret, body, Guid.NewGuid().ToString(), "push");

        await AssertAcceptedAsync("github", body, signed, "X-Hub-Signature-256");
    }

    [NodeInteropFact]
    public async Task GitHub_push_signed_by_octokit_webhooks_methods_over_a_changed_body_is_401_and_not_stored()
    {
        var body = PeerPayloads.GitHubPush(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
        var signed = await SignAsync("github", _githubSecret, body, Guid.NewGuid().ToString(), "push");

        await AssertRefusedAsync("github", body.Replace("refs/heads/main", "refs/heads/release", StringComparison.Ordinal), signed);
    }

    [NodeInteropFact]
    public async Task Stripe_event_signed_by_stripe_generateTestHeaderString_is_200_and_stored_byte_exact()
    {
        var body = PeerPayloads.StripeEvent("evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        var signed = await SignAsync("stripe", _stripeSecret, body, "unused");

        await AssertAcceptedAsync("stripe", body, signed, "Stripe-Signature");
    }

    [NodeInteropFact]
    public async Task Stripe_event_signed_by_stripe_over_a_changed_body_is_401_and_not_stored()
    {
        var body = PeerPayloads.StripeEvent("evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        var signed = await SignAsync("stripe", _stripeSecret, body, "unused");

        await AssertRefusedAsync("stripe", body.Replace("\"amount\": 2000", "\"amount\": 20", StringComparison.Ordinal), signed);
    }

    [NodeInteropFact]
    public async Task Standard_webhooks_message_signed_by_standardwebhooks_with_webhook_headers_is_200_and_stored_byte_exact()
    {
        var body = PeerPayloads.StandardWebhooksMessage("in_" + Guid.NewGuid().ToString("N"));
        var signed = await SignAsync("standard-webhooks", _standardSecret, body, "msg_" + Guid.NewGuid().ToString("N"));

        await AssertAcceptedAsync("standard", body, signed, "webhook-signature");
    }

    [NodeInteropFact]
    public async Task Standard_webhooks_message_signed_by_standardwebhooks_over_a_changed_body_is_401_and_not_stored()
    {
        var body = PeerPayloads.StandardWebhooksMessage("in_" + Guid.NewGuid().ToString("N"));
        var signed = await SignAsync("standard-webhooks", _standardSecret, body, "msg_" + Guid.NewGuid().ToString("N"));

        await AssertRefusedAsync("standard", body.Replace("4200", "4201", StringComparison.Ordinal), signed);
    }

    /// <summary>Svix's default header names (svix-id, svix-timestamp, svix-signature) on the standard-webhooks preset (issue 11, item 3).</summary>
    [NodeInteropFact]
    public async Task Svix_message_signed_by_svix_with_svix_headers_is_200_and_stored_byte_exact()
    {
        var body = PeerPayloads.StandardWebhooksMessage("in_" + Guid.NewGuid().ToString("N"));
        var signed = await SignAsync("svix", _standardSecret, body, "msg_" + Guid.NewGuid().ToString("N"));

        await AssertAcceptedAsync("standard", body, signed, "svix-signature");
    }

    [NodeInteropFact]
    public async Task Svix_message_signed_by_svix_with_svix_headers_over_a_changed_body_is_401_and_not_stored()
    {
        var body = PeerPayloads.StandardWebhooksMessage("in_" + Guid.NewGuid().ToString("N"));
        var signed = await SignAsync("svix", _standardSecret, body, "msg_" + Guid.NewGuid().ToString("N"));

        await AssertRefusedAsync("standard", body.Replace("4200", "4201", StringComparison.Ordinal), signed);
    }

    [NodeInteropFact]
    public async Task Slack_event_callback_signed_as_slack_documents_and_checked_by_bolt_is_200_and_stored_byte_exact()
    {
        var body = PeerPayloads.SlackEventCallback("Ev" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
        var signed = await SignAsync("slack", _slackSecret, body, "unused");

        await AssertAcceptedAsync("slack", body, signed, "X-Slack-Signature");
    }

    [NodeInteropFact]
    public async Task Slack_event_callback_signed_as_slack_documents_over_a_changed_body_is_401_and_not_stored()
    {
        var body = PeerPayloads.SlackEventCallback("Ev" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
        var signed = await SignAsync("slack", _slackSecret, body, "unused");

        await AssertRefusedAsync("slack", body.Replace("deploy staging", "deploy production", StringComparison.Ordinal), signed);
    }

    [NodeInteropFact]
    public async Task Shopify_orders_create_signed_by_shopify_api_is_200_and_stored_byte_exact()
    {
        var orderId = RandomNumberGenerator.GetInt32(1, int.MaxValue) + 820982911946154500L;
        var body = PeerPayloads.ShopifyOrderCreated(orderId);
        var signed = await SignAsync("shopify", _shopifySecret, body, Guid.NewGuid().ToString(), "orders/create");

        await AssertAcceptedAsync("shopify", body, signed, "X-Shopify-Hmac-Sha256");
    }

    [NodeInteropFact]
    public async Task Shopify_orders_create_signed_by_shopify_api_over_a_changed_body_is_401_and_not_stored()
    {
        var orderId = RandomNumberGenerator.GetInt32(1, int.MaxValue) + 820982911946154500L;
        var body = PeerPayloads.ShopifyOrderCreated(orderId);
        var signed = await SignAsync("shopify", _shopifySecret, body, Guid.NewGuid().ToString(), "orders/create");

        await AssertRefusedAsync("shopify", body.Replace("398.00", "0.01", StringComparison.Ordinal), signed);
    }

    private static object Hook(string name, string preset, string secret) => new
    {
        name,
        auth = new { scheme = "hmac", settings = new { preset, secrets = new[] { secret } } },
        action = new { type = "command", settings = new { command = "true" } },
    };

    private async Task<SignedRequest> SignAsync(string provider, string secret, string body, string id, string? @event = null)
    {
        var signed = await NodePeer.SignAsync(provider, secret, body, id, @event);
        output.WriteLine($"signed with {signed.SignedWith}; accepted by {signed.CheckedWith} before sending");
        return signed;
    }

    /// <summary>200, and the stored event holds the exact body and the provider's signature header.</summary>
    private async Task AssertAcceptedAsync(string hook, string body, SignedRequest signed, string signatureHeader)
    {
        var response = await PostAsync(hook, body, signed);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await Host.Client.GetFromJsonAsync<JsonElement>($"/events/{accepted.GetProperty("eventId").GetString()}");
        Assert.Equal(body, stored.GetProperty("body").GetString());
        var headers = stored.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value[0].GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(signed.Header(signatureHeader), headers[signatureHeader]);
    }

    /// <summary>401 for the provider's signed headers over another body, and nothing stored.</summary>
    private async Task AssertRefusedAsync(string hook, string changedBody, SignedRequest signed)
    {
        var before = CountEvents();

        var response = await PostAsync(hook, changedBody, signed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, CountEvents());
    }

    /// <summary>Posts the body's UTF-8 bytes with exactly the provider's headers (Content-Type included, as sent).</summary>
    private Task<HttpResponseMessage> PostAsync(string hook, string body, SignedRequest signed)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = content };
        foreach (var (name, value) in signed.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"header {name}");
            }
        }

        return Host.Client.SendAsync(request);
    }

    private long CountEvents() => StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
}
