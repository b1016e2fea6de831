using System.Net;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Management;

/// <summary>
/// <c>POST /api/v1/runs/{id}/rerun</c> on the real host: an operator re-runs a finished run, the run workers execute
/// the copy, and both ends of the link show; a viewer is refused, anonymous callers are challenged.
/// </summary>
public sealed class ManagementRerunTests
{
    [Fact]
    public async Task An_operator_reruns_a_finished_run_the_workers_execute_it_and_the_original_lists_it()
    {
        await using var host = await ManagementHost.StartAsync();
        var (requestId, eventId, runId) = await host.PostAsync("""{"order":7}""");
        await host.WaitForAsync($"/api/v1/runs/{runId}", r => r.GetProperty("run").GetProperty("status").GetString() == "succeeded", "the run finished");
        var path = $"/api/v1/runs/{runId}/rerun";

        using (var anonymous = await host.SendAsync(HttpMethod.Post, path, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var viewer = await host.SendAsync(HttpMethod.Post, path, host.Viewer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        Assert.Empty((await host.GetAsync($"/api/v1/runs/{runId}")).GetProperty("reruns").EnumerateArray());

        using var accepted = await host.SendAsync(HttpMethod.Post, path, host.Operator);
        var text = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{(int)accepted.StatusCode} {text}");
        var rerun = JsonDocument.Parse(text).RootElement;
        var rerunId = rerun.GetProperty("id").GetString()!;
        Assert.NotEqual(runId, rerunId);
        Assert.Equal((runId, eventId, requestId, ManagementHost.Hook), (
            rerun.GetProperty("rerunOf").GetString(), rerun.GetProperty("eventId").GetString(), rerun.GetProperty("requestId").GetString(),
            rerun.GetProperty("hook").GetString()));
        Assert.Equal($"/api/v1/runs/{rerunId}", accepted.Headers.Location!.ToString());

        var done = await host.WaitForAsync(
            $"/api/v1/runs/{rerunId}", r => r.GetProperty("run").GetProperty("status").GetString() == "succeeded", "the re-run executed");
        Assert.Contains("handled", done.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, done.GetProperty("input").GetProperty("order").GetInt32());
        Assert.Equal(runId, done.GetProperty("run").GetProperty("rerunOf").GetString());
        var original = await host.GetAsync($"/api/v1/runs/{runId}");
        Assert.Equal([rerunId], original.GetProperty("reruns").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, original.GetProperty("run").GetProperty("rerunOf").ValueKind);

        // Only the operator's one re-run was queued: the viewer's attempt left nothing behind.
        var runs = await host.GetAsync($"/api/v1/runs?eventId={eventId}");
        Assert.Equal([rerunId, runId], runs.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        using var missing = await host.SendAsync(HttpMethod.Post, "/api/v1/runs/no-such-run/rerun", host.Operator);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-run", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rerun_route_is_in_the_api_document_with_a_typed_answer_and_its_errors()
    {
        await using var host = await ManagementHost.StartAsync();
        var document = JsonDocument.Parse(await host.Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var operation = document.GetProperty("paths").GetProperty("/api/v1/runs/{id}/rerun").GetProperty("post");
        var responses = operation.GetProperty("responses");
        var schema = responses.GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(schema.TryGetProperty("$ref", out _), schema.ToString());
        foreach (var status in new[] { "401", "403", "404", "409", "501" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"documents {status}");
        }
    }
}
