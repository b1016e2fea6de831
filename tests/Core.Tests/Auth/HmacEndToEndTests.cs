using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>
/// The <c>hmac</c> scheme end to end: the Auth.Hmac plugin loaded from its folder by the real host. Signatures are
/// computed here with <see cref="HMACSHA256"/>, independently of the plugin's code.
/// </summary>
public sealed class HmacEndToEndTests : IAsyncLifetime
{
    private const string GitHubSecret = "e2e-github-secret";

    private readonly TempFolder _folder = new();
    private readonly byte[] _standardKey = RandomNumberGenerator.GetBytes(32);
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var config = Deployments.Write(_folder,
            [
                new
                {
                    name = "github",
                    auth = new { scheme = "hmac", settings = new { preset = "github", secrets = new[] { GitHubSecret } } },
                    action = new { type = "command", settings = new { command = "true" } },
                },
                new
                {
                    name = "standard",
                    auth = new { scheme = "hmac", settings = new { preset = "standard-webhooks", secrets = new[] { "whsec_" + Convert.ToBase64String(_standardKey) } } },
                    action = new { type = "command", settings = new { command = "true" } },
                },
            ],
            extraPlugins: [new { name = "Auth.Hmac" }]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Correctly_signed_github_request_is_200_its_run_succeeds_and_the_signature_is_stored()
    {
        const string body = """{"ref":"refs/heads/main","after":"abc123"}""";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), Encoding.UTF8.GetBytes(body)));

        var response = await PostAsync("github", body, ("X-Hub-Signature-256", signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var run = await _host.WaitForRunAsync(accepted.GetProperty("runId").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());

        // Kept, not redacted, so the stored event can be verified again.
        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{accepted.GetProperty("eventId").GetString()}");
        Assert.Equal(signature, stored.GetProperty("headers").GetProperty("X-Hub-Signature-256")[0].GetString());
        Assert.Equal(body, stored.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Wrongly_signed_github_request_is_401_and_nothing_is_stored()
    {
        const string body = """{"ref":"refs/heads/main"}""";
        var before = CountEvents();
        var otherSecret = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("not-the-secret"u8, Encoding.UTF8.GetBytes(body)));
        var otherBody = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), Encoding.UTF8.GetBytes(body + " ")));

        var responses = new[]
        {
            await PostAsync("github", body, ("X-Hub-Signature-256", otherSecret)),
            await PostAsync("github", body, ("X-Hub-Signature-256", otherBody)),
            await PostAsync("github", body),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(before, CountEvents());
    }

    [Fact]
    public async Task Standard_webhooks_request_signed_now_is_200_and_the_same_request_replayed_is_answered_as_its_replay()
    {
        const string body = """{"type":"invoice.paid","id":42}""";
        var id = $"msg_{Guid.NewGuid():N}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(_standardKey, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        (string, string)[] headers = [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signature)];

        var first = await PostAsync("standard", body, headers);
        var eventsAfterFirst = CountEvents();
        var replayed = await PostAsync("standard", body, headers);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(eventsAfterFirst, CountEvents());
    }

    private Task<HttpResponseMessage> PostAsync(string hook, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _host.Client.SendAsync(request);
    }

    private long CountEvents() => StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
}
