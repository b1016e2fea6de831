using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Surfaces;

/// <summary>The generic <c>/hooks/{name}</c> surface end to end: real host, real Kestrel, real SQLite, real commands.</summary>
public sealed class GenericHookSurfaceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var config = Deployments.Write(_folder,
        [
            Deployments.CommandHook("echo", "echo \"payload=$WEBHOOK_PAYLOAD headers=$WEBHOOK_HEADERS\"", hook =>
                hook["action"]!["settings"]!["headers"] = new JsonArray("X-Trace", "Authorization")),
            Deployments.CommandHook("small", "true", hook =>
            {
                hook["maxBodyBytes"] = 100;
                hook["methods"] = new JsonArray("POST", "PUT");
                hook["contentTypes"] = new JsonArray("application/json");
            }),
            Deployments.CommandHook("filtered", "true", hook =>
                hook["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "json-field",
                    ["settings"] = new JsonObject { ["path"] = "action", ["equals"] = "opened" },
                })),
            Deployments.CommandHook("disabled", "true", hook => hook["enabled"] = false),
            Deployments.CommandHook("observed", "true", hook => hook["auth"]!["mode"] = "observe"),
            Deployments.CommandHook("failing", "echo about to fail; exit 3"),
        ]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Accepted_webhook_answers_200_with_a_run_whose_output_holds_the_payload()
    {
        var response = await PostAsync("echo", """{"branch":"main","commit":"abc123"}""", ("X-Trace", "t-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = body.GetProperty("runId").GetString()!;
        Assert.Equal(body.GetProperty("requestId").GetString(), response.Headers.GetValues("X-Request-Id").Single());

        var run = await _host.WaitForRunAsync(runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        var output = run.GetProperty("output").GetString()!;
        Assert.Contains("\"commit\":\"abc123\"", output);
        Assert.Contains("\"X-Trace\":\"t-1\"", output);
        Assert.DoesNotContain(Deployments.ApiKey, output);
        Assert.Equal(body.GetProperty("requestId").GetString(), run.GetProperty("requestId").GetString());
        Assert.Equal(body.GetProperty("eventId").GetString(), run.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Stored_event_keeps_the_raw_body_and_redacts_credentials()
    {
        var raw = "{ \"spacing\" :  \"kept exactly\" }";
        var response = await PostAsync("echo", raw, ("Authorization", "Bearer should-not-be-stored"));
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();

        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}");

        Assert.Equal(raw, stored.GetProperty("body").GetString());
        var headers = stored.GetProperty("headers");
        Assert.Equal("[redacted]", headers.GetProperty("X-API-Key")[0].GetString());
        Assert.Equal("[redacted]", headers.GetProperty("Authorization")[0].GetString());
        Assert.DoesNotContain(Deployments.ApiKey, stored.GetRawText());
        Assert.DoesNotContain("should-not-be-stored", DumpDatabase());
    }

    [Fact]
    public async Task Non_json_body_gives_the_command_an_empty_json_object()
    {
        var response = await PostAsync("echo", "plain text, not json", contentType: "text/plain");
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        var run = await _host.WaitForRunAsync(runId);

        Assert.StartsWith("payload={} ", run.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Unknown_hook_is_404_problem_json()
    {
        var response = await PostAsync("nope", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("nope", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_method_is_405_with_allow_even_before_authentication()
    {
        var response = await _host.Client.DeleteAsync("/hooks/small");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST", "PUT"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Missing_or_wrong_key_is_401_with_no_hint_and_nothing_stored()
    {
        var before = StoredRows.InboundEvents(Deployments.DatabasePath(_folder));

        var missing = await PostAsync("echo", "{}", key: null);
        var wrong = await PostAsync("echo", "{}", key: "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var missingBody = await missing.Content.ReadAsStringAsync();
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(wrongBody.TryGetProperty("detail", out _));
        Assert.DoesNotContain("missing", missingBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unknown", missingBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, StoredRows.InboundEvents(Deployments.DatabasePath(_folder)));
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_by_content_length()
    {
        var response = await PostAsync("small", new string('x', 101));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 500) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/small") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-API-Key", Deployments.ApiKey);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Content_type_outside_the_hooks_list_is_415()
    {
        var response = await PostAsync("small", "<xml/>", contentType: "application/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unmet_condition_is_204_and_the_event_is_kept_without_a_run()
    {
        var eventsBefore = StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
        var runsBefore = CountRows("runs");

        var skipped = await PostAsync("filtered", """{"action":"closed"}""");
        var triggered = await PostAsync("filtered", """{"action":"opened"}""");

        Assert.Equal(HttpStatusCode.NoContent, skipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, triggered.StatusCode);
        Assert.Equal(eventsBefore + 2, StoredRows.InboundEvents(Deployments.DatabasePath(_folder)));
        Assert.Equal(runsBefore + 1, CountRows("runs"));
    }

    [Fact]
    public async Task Retry_of_an_accepted_request_is_200_with_the_first_requests_ids_and_Idempotent_Replayed_and_starts_nothing()
    {
        var first = await PostAsync("echo", """{"order":42}""", ("Idempotency-Key", "order-42"));
        var eventsAfterFirst = StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
        var runsAfterFirst = CountRows("runs");
        var retry = await PostAsync("echo", """{"order":42}""", ("Idempotency-Key", "order-42"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var firstIds = await first.Content.ReadFromJsonAsync<JsonElement>();
        var retryIds = await retry.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var name in new[] { "requestId", "eventId", "runId" })
        {
            Assert.Equal(firstIds.GetProperty(name).GetString(), retryIds.GetProperty(name).GetString());
        }

        // X-Request-Id still names this request, which the log knows by it.
        Assert.NotEqual(firstIds.GetProperty("requestId").GetString(), retry.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(eventsAfterFirst, StoredRows.InboundEvents(Deployments.DatabasePath(_folder)));
        Assert.Equal(runsAfterFirst, CountRows("runs"));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_409_naming_the_first_request_and_starts_nothing()
    {
        var first = await PostAsync("echo", """{"order":43}""", ("Idempotency-Key", "order-43"));
        var runsAfterFirst = CountRows("runs");
        var other = await PostAsync("echo", """{"order":44}""", ("Idempotency-Key", "order-43"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        var firstIds = await first.Content.ReadFromJsonAsync<JsonElement>();
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstIds.GetProperty("requestId").GetString(), problem.GetProperty("firstRequestId").GetString());
        Assert.Equal(firstIds.GetProperty("eventId").GetString(), problem.GetProperty("eventId").GetString());
        Assert.Equal(firstIds.GetProperty("runId").GetString(), problem.GetProperty("runIds")[0].GetString());
        Assert.Contains(firstIds.GetProperty("requestId").GetString()!, problem.GetProperty("detail").GetString());
        Assert.Equal(runsAfterFirst, CountRows("runs"));
    }

    [Fact]
    public async Task A_key_stored_without_a_fingerprint_by_an_older_version_is_compared_with_its_stored_event()
    {
        var first = await PostAsync("echo", """{"order":45}""", ("Idempotency-Key", "order-45"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var connection = new SqliteConnection($"Data Source={Deployments.DatabasePath(_folder)};Pooling=False"))
        {
            // What a key written before schema migration 8 looks like.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE idempotency_keys SET fingerprint = NULL, request_id = NULL WHERE key = 'order-45'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var retry = await PostAsync("echo", """{"order":45}""", ("Idempotency-Key", "order-45"));
        var other = await PostAsync("echo", """{"order":46}""", ("Idempotency-Key", "order-45"));

        var firstIds = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstIds.GetProperty("requestId").GetString(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(firstIds.GetProperty("requestId").GetString(), (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("firstRequestId").GetString());
    }

    [Fact]
    public async Task Repeat_of_a_request_that_triggered_nothing_is_204_with_Idempotent_Replayed()
    {
        var first = await PostAsync("filtered", """{"action":"closed"}""", ("Idempotency-Key", "closed-1"));
        var eventsAfterFirst = StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
        var retry = await PostAsync("filtered", """{"action":"closed"}""", ("Idempotency-Key", "closed-1"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(eventsAfterFirst, StoredRows.InboundEvents(Deployments.DatabasePath(_folder)));
    }

    [Fact]
    public async Task Concurrent_duplicates_are_accepted_exactly_once_and_every_other_copy_is_answered_as_its_replay()
    {
        var runsBefore = CountRows("runs");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync("echo", """{"race":1}""", ("Idempotency-Key", "race-1"))));

        // Copies that lost the race inside the store's transaction get the same answer as later ones: never a 409 or 500.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var eventIds = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString()));
        Assert.Single(eventIds.Distinct());
        Assert.Equal(runsBefore + 1, CountRows("runs"));
    }

    [Fact]
    public async Task Disabled_hook_is_403_for_a_genuine_request_and_401_for_a_bad_one()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("disabled", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("disabled", "{}", key: "wrong")).StatusCode);
    }

    [Fact]
    public async Task Observe_mode_accepts_what_would_have_failed()
    {
        var response = await PostAsync("observed", "{}", key: "wrong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Failing_command_makes_a_failed_run_with_its_exit_code_and_output()
    {
        var response = await PostAsync("failing", "{}");
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        var run = await _host.WaitForRunAsync(runId);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("exitCode").GetInt32());
        Assert.Contains("about to fail", run.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Many_concurrent_webhooks_are_all_acknowledged_and_all_on_disk()
    {
        var before = CountRows("runs");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => PostAsync("small", $"{{\"i\":{i}}}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 100, CountRows("runs"));
    }

    [Fact]
    public async Task Unknown_run_is_404()
    {
        var response = await _host.Client.GetAsync("/runs/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(
        string hook, string body, (string Name, string Value)? header = null, string? key = Deployments.ApiKey, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        return _host.Client.SendAsync(request);
    }

    private long CountRows(string table) => StoredRows.Count(Deployments.DatabasePath(_folder), table);

    private string DumpDatabase()
    {
        using var connection = new SqliteConnection($"Data Source={Deployments.DatabasePath(_folder)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT headers || ' ' || query FROM events";
        using var reader = command.ExecuteReader();
        var all = new StringBuilder();
        while (reader.Read())
        {
            all.AppendLine(reader.GetString(0));
        }

        return all.ToString();
    }
}
