using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Runs;

namespace Webhooks.Modular.Core.Events;

/// <summary>
/// The in-process event bus: an event and the runs of the triggers it matches are committed in one transaction
/// (through the event store, so a broker-less deployment is as durable as its store), then the run worker is woken.
/// </summary>
internal sealed class EventBus(IEventStore events, TriggerMatcher matcher, RunSignal runSignal, TimeProvider clock) : IEventBus
{
    public async Task<PublishedEvent> PublishAsync(string subject, string payloadJson, string? requestId, CancellationToken cancellationToken)
    {
        if (SubjectPattern.TryParse(subject, allowWildcards: false, out var error) is null)
        {
            throw new ArgumentException($"'{subject}' is not a subject: {error}", nameof(subject));
        }

        try
        {
            using var _ = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"the payload of '{subject}' is not JSON: {ex.Message}", nameof(payloadJson), ex);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var body = Encoding.UTF8.GetBytes(payloadJson);
        var request = new WebhookRequest { RequestId = requestId ?? id.ToString(), HookName = string.Empty, Method = "PUBLISH", Path = subject, Body = body };
        var runs = await matcher.MatchAsync(subject, request, payloadJson, cancellationToken);
        var stored = new WebhookEvent(
            id, request.RequestId, string.Empty, "PUBLISH", subject, WebhookRequest.EmptyValues, WebhookRequest.EmptyValues, body, null, now, subject);

        // Not cancellable once queued: the caller must learn what was committed.
        var result = await events.AcceptAsync(new AcceptedWebhook(stored, runs, null), CancellationToken.None);
        if (runs.Count > 0)
        {
            runSignal.Notify();
        }

        return new PublishedEvent(id, subject, result.RunIds);
    }
}
