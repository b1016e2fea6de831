using System.Text;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

/// <summary>Builds accepted webhooks for tests.</summary>
internal static class SampleWebhooks
{
    /// <summary>A webhook with <paramref name="runs"/> runs of fresh ids, received at <paramref name="receivedAt"/>.</summary>
    public static AcceptedWebhook Create(
        DateTimeOffset receivedAt,
        int runs = 1,
        IdempotencyKey? key = null,
        string hook = "deploy",
        int maxAttempts = 3,
        Guid? eventId = null,
        IReadOnlyList<string>? runIds = null)
    {
        var id = eventId ?? Guid.CreateVersion7();
        var ids = runIds ?? Enumerable.Range(0, runs).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
        var webhookEvent = new WebhookEvent(
            id,
            "req-" + id.ToString("N"),
            hook,
            "POST",
            "/hooks/" + hook,
            new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"] },
            new Dictionary<string, string[]>(),
            Encoding.UTF8.GetBytes("""{"hello":"world"}"""),
            "127.0.0.1",
            receivedAt);
        var newRuns = ids.Select(runId => new NewRun(runId, hook, "command", """{"n":1}""", maxAttempts)).ToArray();
        return new AcceptedWebhook(webhookEvent, newRuns, key);
    }
}
