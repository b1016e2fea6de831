using System.Net;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Hooks;
using Webhooks.Modular.Core.Pipeline;

namespace Webhooks.Modular.Core.Events;

/// <summary>
/// Replays a stored webhook event through its hook's conditions, run, triggers and destinations, as a new event
/// linked to the original (Hookdeck's "retry" of an event: a new attempt, the original untouched).
/// </summary>
internal sealed class EventReplayer(
    IEventStore events, HookRegistry hooks, TriggerMatcher triggers, DeliveryPlanner planner, EventBus bus, TimeProvider clock) : IEventReplayer
{
    public async Task<EventReplay> ReplayAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (await events.GetEventAsync(eventId, cancellationToken).ConfigureAwait(false) is not { } original)
        {
            return Refused(EventReplayStatus.NotFound, $"no event with id '{eventId}'");
        }

        if (string.IsNullOrEmpty(original.HookName) || original.Method == "PUBLISH")
        {
            return Refused(EventReplayStatus.NotReplayable, $"event '{eventId}' was published on the bus, not received by a hook");
        }

        if (hooks.Find(original.HookName) is not { } hook)
        {
            return Refused(EventReplayStatus.NotReplayable, $"event '{eventId}' was received by hook '{original.HookName}', which this host does not serve now");
        }

        // The stored request: its credentials were redacted when it was stored, so conditions see '[redacted]' there.
        var headers = new Dictionary<string, string[]>(original.Headers, StringComparer.OrdinalIgnoreCase)
        {
            [IEventReplayer.ReplayOfHeader] = [eventId.ToString()],
        };
        var request = new WebhookRequest
        {
            RequestId = original.RequestId,
            HookName = hook.Name,
            Method = original.Method,
            Path = original.Path,
            Headers = headers,
            Query = original.Query,
            RemoteAddress = IPAddress.TryParse(original.RemoteAddress, out var address) ? address : null,
            Body = original.Body,
        };
        var triggered = true;
        foreach (var condition in hook.Conditions)
        {
            if (!await condition.IsMetAsync(request, cancellationToken).ConfigureAwait(false))
            {
                triggered = false;
                break;
            }
        }

        var now = clock.GetUtcNow();
        var subject = triggered ? $"event.webhook.{hook.Name}" : null;
        var stored = new WebhookEvent(
            Guid.CreateVersion7(now), original.RequestId, hook.Name, original.Method, original.Path, headers, original.Query, original.Body,
            original.RemoteAddress, now, subject);
        var runs = new List<NewRun>();
        IReadOnlyList<NewDelivery> deliveries = [];
        if (triggered)
        {
            var payload = ReceiveWebhookHandler.DefaultInput(request);
            runs.Add(new NewRun(Guid.CreateVersion7(now).ToString(), hook.Name, hook.ActionType, payload, hook.MaxAttempts));
            runs.AddRange(await triggers.MatchAsync(subject!, request, payload, cancellationToken).ConfigureAwait(false));
            deliveries = await planner.PlanAsync(new PayloadContext(stored.Id, subject!, hook.Name, now, payload), cancellationToken).ConfigureAwait(false);
        }

        var accepted = new AcceptedWebhook(stored, runs, null, deliveries);

        // Not cancellable once queued: the caller must learn what was committed.
        var result = await events.AcceptAsync(accepted, CancellationToken.None).ConfigureAwait(false);
        bus.Committed(accepted);
        return new EventReplay(EventReplayStatus.Replayed, null, stored.Id, triggered, result.RunIds, [.. deliveries.Select(d => d.Id)]);
    }

    private static EventReplay Refused(EventReplayStatus status, string detail) => new(status, detail, null, false, [], []);
}
