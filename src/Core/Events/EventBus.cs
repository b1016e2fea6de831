using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Runs;

namespace Webhooks.Modular.Core.Events;

/// <summary>
/// The in-process event bus: an event, the runs of the triggers it matches and the deliveries of the destinations
/// subscribed to it are committed in one transaction (through the event store, so a broker-less deployment is as
/// durable as its store), then the workers are woken.
/// </summary>
internal sealed class EventBus(
    IEventStore events, TriggerMatcher matcher, DeliveryPlanner planner, RunSignal runSignal, DeliverySignal deliverySignal, TimeProvider clock)
    : IEventBus
{
    public Task<PublishedEvent> PublishAsync(string subject, string payloadJson, string? requestId, CancellationToken cancellationToken) =>
        PublishAsync(new EventPublication(subject, payloadJson) { RequestId = requestId }, cancellationToken);

    public async Task<PublishedEvent> PublishAsync(EventPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var (subject, payloadJson) = (publication.Subject, publication.PayloadJson);
        var prepared = await PrepareAsync(subject, payloadJson, publication.RequestId, null, null, cancellationToken, publication.EventId, publication.Via);

        // Not cancellable once queued: the caller must learn what was committed.
        var result = await events.AcceptAsync(prepared, CancellationToken.None);
        Committed(prepared);
        return new PublishedEvent(prepared.Event.Id, subject, result.RunIds, prepared.Deliveries?.Select(d => d.Id).ToArray() ?? []);
    }

    /// <summary>
    /// Builds what publishing commits, without committing it: the run worker commits a run's outcome event together
    /// with the run's completion.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="payloadJson">The payload.</param>
    /// <param name="requestId">The request it traces back to.</param>
    /// <param name="hookName">The hook it belongs to (the hook whose run finished), for destinations that follow one hook.</param>
    /// <param name="trace">
    /// The span the event continues (the run whose outcome it announces), stored as the event's <c>traceparent</c> header
    /// so that the runs and deliveries it starts join that trace, as a webhook's do; <c>null</c> when nothing records spans.
    /// </param>
    /// <param name="cancellationToken">Cancels matching.</param>
    /// <param name="eventId">The event's id when the publisher gave one.</param>
    /// <param name="via">How it arrived (stored as its method), <c>PUBLISH</c> when <c>null</c>.</param>
    public async Task<AcceptedWebhook> PrepareAsync(
        string subject, string payloadJson, string? requestId, string? hookName, Activity? trace, CancellationToken cancellationToken,
        Guid? eventId = null, string? via = null)
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
        var id = eventId ?? Guid.CreateVersion7(now);
        var method = via ?? "PUBLISH";
        var body = Encoding.UTF8.GetBytes(payloadJson);
        var request = new WebhookRequest { RequestId = requestId ?? id.ToString(), HookName = hookName ?? string.Empty, Method = method, Path = subject, Body = body };
        var runs = await matcher.MatchAsync(subject, request, payloadJson, cancellationToken);
        var deliveries = await planner.PlanAsync(new PayloadContext(id, subject, hookName, now, payloadJson), cancellationToken);
        var headers = trace is null ? WebhookRequest.EmptyValues : EngineActivities.WithTraceParent(WebhookRequest.EmptyValues, trace);
        var stored = new WebhookEvent(
            id, request.RequestId, hookName ?? string.Empty, method, subject, headers, WebhookRequest.EmptyValues, body, null, now, subject);
        return new AcceptedWebhook(stored, runs, null, deliveries);
    }

    /// <summary>Wakes the workers for what a committed event started.</summary>
    public void Committed(AcceptedWebhook committed)
    {
        if (committed.Runs.Count > 0)
        {
            runSignal.Notify();
        }

        if (committed.Deliveries is { Count: > 0 })
        {
            deliverySignal.Notify();
        }
    }
}
