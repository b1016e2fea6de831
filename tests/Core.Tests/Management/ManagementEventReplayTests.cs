using System.Net;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Management;

/// <summary>
/// <c>POST /api/v1/events/{id}/replay</c> on the real host: an operator replays a received event through its hook; a
/// new event with the same request id, naming the original, runs the hook's action again; a viewer is refused.
/// </summary>
public sealed class ManagementEventReplayTests
{
    [Fact]
    public async Task An_operator_replays_an_event_through_its_hook_as_a_new_linked_event_that_runs_again()
    {
        await using var host = await ManagementHost.StartAsync();
        var (requestId, eventId, runId) = await host.PostAsync("""{"order":9}""");
        await host.WaitForAsync($"/api/v1/runs/{runId}", r => r.GetProperty("run").GetProperty("status").GetString() == "succeeded", "the run finished");
        var path = $"/api/v1/events/{eventId}/replay";

        using (var anonymous = await host.SendAsync(HttpMethod.Post, path, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var viewer = await host.SendAsync(HttpMethod.Post, path, host.Viewer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        using var accepted = await host.SendAsync(HttpMethod.Post, path, host.Operator);
        var text = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{(int)accepted.StatusCode} {text}");
        var replay = JsonDocument.Parse(text).RootElement;
        var newEvent = replay.GetProperty("eventId").GetString()!;
        Assert.NotEqual(eventId, newEvent);
        Assert.Equal(eventId, replay.GetProperty("replayOf").GetString());
        Assert.True(replay.GetProperty("triggered").GetBoolean());
        var newRun = Assert.Single(replay.GetProperty("runIds").EnumerateArray()).GetString()!;

        var done = await host.WaitForAsync($"/api/v1/runs/{newRun}", r => r.GetProperty("run").GetProperty("status").GetString() == "succeeded", "the replay's run");
        Assert.Equal(9, done.GetProperty("input").GetProperty("order").GetInt32());
        var detail = await host.GetAsync($"/api/v1/events/{newEvent}");
        Assert.Equal((requestId, ManagementHost.Hook), (detail.GetProperty("requestId").GetString(), detail.GetProperty("hook").GetString()));
        Assert.Equal(eventId, detail.GetProperty("headers").EnumerateObject().Single(h => h.Name.Equals("X-Webhooks-Replay-Of", StringComparison.OrdinalIgnoreCase)).Value[0].GetString());
        Assert.Equal("""{"order":9}""", detail.GetProperty("body").GetString());
        var receipts = await host.GetAsync($"/api/v1/events?requestId={requestId}&subject=event.webhook.{ManagementHost.Hook}");
        Assert.Equal(2, receipts.GetProperty("items").GetArrayLength()); // the original and its replay: one request id

        using var missing = await host.SendAsync(HttpMethod.Post, $"/api/v1/events/{Guid.NewGuid()}/replay", host.Operator);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await host.SendAsync(HttpMethod.Post, "/api/v1/events/not-an-id/replay", host.Operator);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var document = JsonDocument.Parse(await host.Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var responses = document.GetProperty("paths").GetProperty("/api/v1/events/{id}/replay").GetProperty("post").GetProperty("responses");
        Assert.True(responses.GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out _));
        Assert.True(responses.TryGetProperty("403", out _));
    }
}
