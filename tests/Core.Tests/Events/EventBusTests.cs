using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Events;

/// <summary>The event bus on a real host: webhook events reach event triggers in the same transaction; runs publish their outcome.</summary>
public sealed class EventBusTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var config = Deployments.Write(_folder,
        [
            Deployments.CommandHook("github-events", "echo handled"),
            Trigger("on-pr-opened", "event.webhook.github-events", "echo \"review $WEBHOOK_PAYLOAD\"", new JsonObject
            {
                ["type"] = "json-field",
                ["settings"] = new JsonObject { ["path"] = "action", ["equals"] = "opened" },
            }),
            Trigger("every-webhook", "event.webhook.*", "echo seen"),
            Trigger("after-github", "run.completed", "echo \"followed $WEBHOOK_PAYLOAD\"", new JsonObject
            {
                ["type"] = "json-field",
                ["settings"] = new JsonObject { ["path"] = "hook", ["equals"] = "github-events" },
            }),
            Trigger("every-completion", "run.>", "echo loop-guard"),
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
    public async Task Webhook_event_starts_matching_triggers_with_the_body_as_input()
    {
        var opened = await PostAsync("""{"action":"opened","number":7}""");
        var closed = await PostAsync("""{"action":"closed","number":8}""");

        // Own run + on-pr-opened + every-webhook; a closed PR skips on-pr-opened.
        Assert.Equal(3, opened.GetProperty("runIds").GetArrayLength());
        Assert.Equal(2, closed.GetProperty("runIds").GetArrayLength());
        var review = await _host.WaitForRunAsync(opened.GetProperty("runIds")[1].GetString()!);
        Assert.Equal("on-pr-opened", review.GetProperty("hook").GetString());
        Assert.Contains("\"number\":7", review.GetProperty("output").GetString());
        Assert.Equal(opened.GetProperty("requestId").GetString(), review.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Finished_run_publishes_run_completed_which_starts_a_follow_up_and_never_loops()
    {
        var accepted = await PostAsync("""{"action":"labeled"}""");
        var ownRun = accepted.GetProperty("runId").GetString()!;
        await _host.WaitForRunAsync(ownRun);

        var followUp = await WaitForEventRunAsync("after-github", ownRun);

        Assert.Contains(ownRun, followUp.GetProperty("output").GetString());
        Assert.Equal(accepted.GetProperty("requestId").GetString(), followUp.GetProperty("requestId").GetString());
        // The run.> trigger ran for the first completion, and its own completion was not published again.
        await Task.Delay(1500);
        var completions = await _host.Client.GetFromJsonAsync<JsonElement>("/events?subject=run.completed&limit=500");
        Assert.DoesNotContain(completions.EnumerateArray(), e => Payload(e).GetProperty("hook").GetString() is "every-completion" or "after-github");
    }

    [Fact]
    public async Task Event_that_matches_nothing_is_kept_and_visible()
    {
        var bus = _host.Services.GetRequiredService<IEventBus>();

        var published = await bus.PublishAsync("billing.invoice.paid", """{"invoice":"in_1"}""", null, CancellationToken.None);

        Assert.Empty(published.RunIds);
        var listed = await _host.Client.GetFromJsonAsync<JsonElement>("/events?subject=billing.invoice.paid");
        var stored = Assert.Single(listed.EnumerateArray());
        Assert.Equal(published.EventId.ToString(), stored.GetProperty("id").GetString());
        Assert.Equal("""{"invoice":"in_1"}""", stored.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Publishing_a_wildcard_or_non_json_is_refused_with_the_reason()
    {
        var bus = _host.Services.GetRequiredService<IEventBus>();

        var wildcard = await Assert.ThrowsAsync<ArgumentException>(() => bus.PublishAsync("billing.*", "{}", null, CancellationToken.None));
        var notJson = await Assert.ThrowsAsync<ArgumentException>(() => bus.PublishAsync("billing.x", "not json", null, CancellationToken.None));

        Assert.Contains("wildcard", wildcard.Message);
        Assert.Contains("not JSON", notJson.Message);
    }

    [Fact]
    public async Task Event_trigger_is_not_reachable_over_http()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/on-pr-opened") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.SendAsync(request)).StatusCode);
    }

    private async Task<JsonElement> PostAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/github-events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The run a run.completed trigger started for the completion of <paramref name="runId"/>.</summary>
    private async Task<JsonElement> WaitForEventRunAsync(string trigger, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var completions = await _host.Client.GetFromJsonAsync<JsonElement>("/events?subject=run.completed&limit=500");
            foreach (var completion in completions.EnumerateArray().Where(e => Payload(e).GetProperty("runId").GetString() == runId))
            {
                using var database = new SqliteConnection($"Data Source={Deployments.DatabasePath(_folder)};Mode=ReadOnly;Pooling=False");
                database.Open();
                using var command = database.CreateCommand();
                command.CommandText = "SELECT id FROM runs WHERE event_id = $e AND hook_name = $h";
                command.Parameters.AddWithValue("$e", completion.GetProperty("id").GetString());
                command.Parameters.AddWithValue("$h", trigger);
                if (command.ExecuteScalar() is string id)
                {
                    return await _host.WaitForRunAsync(id);
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no {trigger} run for the completion of {runId}");
    }

    private static JsonElement Payload(JsonElement storedEvent) => JsonDocument.Parse(storedEvent.GetProperty("body").GetString()!).RootElement;

    private static JsonObject Trigger(string name, string subject, string command, JsonObject? condition = null)
    {
        var trigger = new JsonObject
        {
            ["name"] = name,
            ["subject"] = subject,
            ["action"] = new JsonObject { ["type"] = "command", ["settings"] = new JsonObject { ["command"] = command } },
        };
        if (condition is not null)
        {
            trigger["conditions"] = new JsonArray(condition);
        }

        return trigger;
    }
}
