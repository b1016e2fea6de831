using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Pipeline;

/// <summary>
/// Slack and form-encoded senders on the real host: Slack's url_verification handshake, a slash command's form body
/// reaching a condition and the action as JSON, GitHub's form content type, and a hook's configured success answer.
/// Signatures are computed here with <see cref="HMACSHA256"/>, independently of the plugin's code.
/// </summary>
public sealed class SlackAndFormEndToEndTests : IAsyncLifetime
{
    private const string SlackSecret = "e2e-slack-signing-secret";
    private const string GitHubSecret = "e2e-github-form-secret";
    private const string FormType = "application/x-www-form-urlencoded";

    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var printPayload = new JsonObject { ["type"] = "command", ["settings"] = new JsonObject { ["command"] = "printf '%s' \"$WEBHOOK_PAYLOAD\"", ["timeoutSeconds"] = 30 } };
        var config = Deployments.Write(_folder,
            [
                new JsonObject
                {
                    ["name"] = "slack-events",
                    ["auth"] = Hmac("slack", SlackSecret),
                    ["action"] = printPayload.DeepClone(),
                },
                new JsonObject
                {
                    ["name"] = "slack-commands",
                    ["auth"] = Hmac("slack", SlackSecret),
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "json-field",
                        ["settings"] = new JsonObject { ["path"] = "command", ["equals"] = "/deploy" },
                    }),
                    ["action"] = printPayload.DeepClone(),
                    ["response"] = new JsonObject
                    {
                        ["status"] = 200,
                        ["body"] = "Deploying: run {{runId}}, event {{ eventId }}",
                        ["contentType"] = "text/plain",
                    },
                },
                new JsonObject
                {
                    ["name"] = "github-form",
                    ["auth"] = Hmac("github", GitHubSecret),
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "expression",
                        ["settings"] = new JsonObject { ["expression"] = "{{ trigger.body.payload.action == 'opened' }}" },
                    }),
                    ["action"] = printPayload.DeepClone(),
                },
                Deployments.CommandHook("ack", "true", hook => hook["response"] = new JsonObject
                {
                    ["status"] = 202,
                    ["body"] = """{"received":"{{requestId}}","event":"{{eventId}}","hook":"{{hook}}"}""",
                    ["contentType"] = "application/json",
                }),
            ],
            extraPlugins: [new { name = "Auth.Hmac" }, new { name = "Conditions.Expression" }]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Signed_slack_url_verification_is_answered_with_its_challenge_in_plain_text_and_nothing_is_stored_or_run()
    {
        const string challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
        var body = $$"""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"{{challenge}}","type":"url_verification"}""";
        var (events, runs) = (CountEvents(), CountRuns());

        // The slash-command hook too: its condition (command == '/deploy') and its response must not get in the way.
        var responses = new[]
        {
            await PostSlackAsync("slack-events", body, "application/json", SlackHeaders(SlackSecret, body)),
            await PostSlackAsync("slack-commands", body, "application/json", SlackHeaders(SlackSecret, body)),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(challenge, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(events, CountEvents());
        Assert.Equal(runs, CountRuns());
    }

    [Fact]
    public async Task Slack_url_verification_with_a_bad_signature_is_401_and_nothing_is_stored()
    {
        const string body = """{"token":"t","challenge":"forged-challenge","type":"url_verification"}""";
        var events = CountEvents();

        var wrongSecret = await PostSlackAsync("slack-events", body, "application/json", SlackHeaders("not-the-secret", body));
        var unsigned = await PostSlackAsync("slack-events", body, "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.DoesNotContain("forged-challenge", await wrongSecret.Content.ReadAsStringAsync());
        Assert.Equal(events, CountEvents());
    }

    [Fact]
    public async Task Slack_slash_command_form_reaches_the_condition_and_the_action_as_json_while_the_event_keeps_the_raw_body()
    {
        // As Slack sends it: form-encoded, '+' for spaces, %XX escapes, no charset.
        const string body = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id=C2147483705"
            + "&user_id=U2147483697&user_name=Steve&command=%2Fdeploy&text=api+to+prod%21+%C3%A9t%C3%A9"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0";

        var response = await PostSlackAsync("slack-commands", body, FormType, SlackHeaders(SlackSecret, body));

        // The hook's configured answer, not the host's JSON ids.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var answer = await response.Content.ReadAsStringAsync();
        var parts = answer.Split(["Deploying: run ", ", event "], StringSplitOptions.None);
        Assert.True(parts.Length == 3 && parts[0].Length == 0, $"unexpected answer: {answer}");
        var (runId, eventId) = (parts[1], parts[2]);

        var run = await _host.WaitForRunAsync(runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var payload = JsonDocument.Parse(run.GetProperty("output").GetString()!).RootElement;
        Assert.Equal("/deploy", payload.GetProperty("command").GetString());
        Assert.Equal("api to prod! été", payload.GetProperty("text").GetString());
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", payload.GetProperty("response_url").GetString());

        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}");
        Assert.Equal(body, stored.GetProperty("body").GetString());
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), stored.GetProperty("bodyBase64").GetString());
    }

    [Fact]
    public async Task Slack_slash_command_that_fails_the_condition_starts_no_run()
    {
        const string body = "command=%2Frollback&text=api";
        var runs = CountRuns();

        var response = await PostSlackAsync("slack-commands", body, FormType, SlackHeaders(SlackSecret, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A success all the same (stored, acknowledged): the configured answer, with no run id to show.
        Assert.StartsWith("Deploying: run , event ", await response.Content.ReadAsStringAsync());
        Assert.Equal(runs, CountRuns());
    }

    [Fact]
    public async Task GitHub_form_content_type_reaches_the_condition_and_the_action_with_its_payload_field_parsed()
    {
        const string json = """{"action":"opened","number":7,"pull_request":{"title":"Fix + ship & go"}}""";
        var body = "payload=" + Uri.EscapeDataString(json);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), Encoding.UTF8.GetBytes(body)));

        var response = await PostSlackAsync("github-form", body, FormType, ("X-Hub-Signature-256", signature), ("X-GitHub-Event", "pull_request"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var run = await _host.WaitForRunAsync(accepted.GetProperty("runId").GetString()!);
        var payload = JsonDocument.Parse(run.GetProperty("output").GetString()!).RootElement;
        Assert.Equal(7, payload.GetProperty("payload").GetProperty("number").GetInt32());
        Assert.Equal("Fix + ship & go", payload.GetProperty("payload").GetProperty("pull_request").GetProperty("title").GetString());

        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{accepted.GetProperty("eventId").GetString()}");
        Assert.Equal(body, stored.GetProperty("body").GetString());

        // Another action of the same form fails the expression: stored, no run.
        const string closed = """{"action":"closed"}""";
        var closedBody = "payload=" + Uri.EscapeDataString(closed);
        var closedSignature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), Encoding.UTF8.GetBytes(closedBody)));
        var notTriggered = await PostSlackAsync("github-form", closedBody, FormType, ("X-Hub-Signature-256", closedSignature));
        Assert.Equal(HttpStatusCode.NoContent, notTriggered.StatusCode);
    }

    [Fact]
    public async Task Hook_response_sets_the_status_content_type_and_templated_body_of_a_success()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/ack") { Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", Deployments.ApiKey);
        request.Headers.Add("X-Request-Id", "req-ack-1");

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("req-ack-1", body.GetProperty("received").GetString());
        Assert.Equal("ack", body.GetProperty("hook").GetString());
        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{body.GetProperty("event").GetString()}");
        Assert.Equal("req-ack-1", stored.GetProperty("requestId").GetString());
        Assert.Equal("req-ack-1", response.Headers.GetValues("X-Request-Id").Single());
    }

    private static JsonObject Hmac(string preset, string secret) => new()
    {
        ["scheme"] = "hmac",
        ["settings"] = new JsonObject { ["preset"] = preset, ["secrets"] = new JsonArray(secret) },
    };

    private static (string, string)[] SlackHeaders(string secret, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        return [("X-Slack-Request-Timestamp", timestamp), ("X-Slack-Signature", signature)];
    }

    private Task<HttpResponseMessage> PostSlackAsync(string hook, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _host.Client.SendAsync(request);
    }

    private long CountEvents() => StoredRows.InboundEvents(Deployments.DatabasePath(_folder));

    private long CountRuns() => StoredRows.Count(Deployments.DatabasePath(_folder), "runs");
}
