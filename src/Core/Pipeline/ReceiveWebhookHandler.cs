using System.Diagnostics;
using System.Text;
using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Events;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Last step: commit the event, its runs, its deliveries (the outbox) and its idempotency key in one transaction, then answer. Acknowledged
/// means persisted: the outcome is <see cref="ReceiveStatus.Accepted"/> only after the store's commit.
/// </summary>
internal sealed class ReceiveWebhookHandler(IEventStore events, TriggerMatcher triggers, DeliveryPlanner planner, EventBus bus, TimeProvider clock)
    : IRequestHandler<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken)
    {
        var hook = request.Hook!;
        var webhook = request.Request!;
        if (request.Inbound.Validate?.Invoke(webhook) is { } invalid)
        {
            return request.Outcome(ReceiveStatus.BadRequest, invalid);
        }

        var redactor = new CredentialRedactor(hook.Authenticator);
        var headers = redactor.Headers(webhook.Headers);

        // The workers' spans join this trace through the event's stored traceparent, which names the receipt span: the
        // event already stores its headers, so no column (and no migration) is needed, and nothing changes when no
        // listener records the receipt.
        if (Activity.Current is { Source.Name: EngineMetrics.MeterName, OperationName: EngineActivities.Receive } receipt)
        {
            headers = EngineActivities.WithTraceParent(headers, receipt);
        }

        // An accepted request is also an event on the bus (event.webhook.{name}): the runs of the event triggers
        // it matches are committed in the same transaction as the event and the hook's own run.
        var subject = request.Triggered ? request.Inbound.EventSubject ?? $"event.webhook.{hook.Name}" : null;
        var stored = new WebhookEvent(
            Guid.CreateVersion7(clock.GetUtcNow()),
            request.RequestId,
            hook.Name,
            webhook.Method,
            redactor.Path(webhook.Path, webhook.RouteValues),
            headers,
            redactor.Query(webhook.Query),
            webhook.Body.ToArray(),
            webhook.RemoteAddress?.ToString(),
            clock.GetUtcNow(),
            subject);

        var runs = new List<NewRun>();
        IReadOnlyList<NewDelivery> deliveries = [];
        if (request.Triggered)
        {
            // The body as the bus sees it, decoded once for the run, the triggers and the outbox.
            var payload = DefaultInput(webhook);
            runs.Add(new NewRun(
                request.Inbound.RunId ?? request.Inbound.SelectRunId?.Invoke(webhook) ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString(),
                hook.Name,
                hook.ActionType,
                request.Inbound.SelectInput?.Invoke(webhook) ?? payload,
                hook.MaxAttempts));
            runs.AddRange(await triggers.MatchAsync(subject!, webhook, payload, cancellationToken));
            deliveries = await planner.PlanAsync(
                new PayloadContext(stored.Id, subject!, hook.Name, stored.ReceivedAt, payload), cancellationToken);
        }

        // Not cancellable: once the write is queued it may commit, and the caller must then hear about it.
        var accepted = new AcceptedWebhook(stored, runs, request.IdempotencyKey, deliveries);
        AcceptResult result;
        using (var commit = EngineActivities.Source.StartActivity(EngineActivities.Commit, ActivityKind.Internal))
        {
            commit?.SetTag("webhooks.request_id", request.RequestId);
            commit?.SetTag("webhooks.runs", runs.Count);
            commit?.SetTag("webhooks.deliveries", deliveries.Count);
            result = await events.AcceptAsync(accepted, CancellationToken.None);
            commit?.SetTag("webhooks.accepted", result.Accepted);
        }

        if (!result.Accepted)
        {
            // A run-id conflict is the surface's own rule (a reused run id) and names the run that collided.
            if (result.Conflict == "run-id")
            {
                return request.Outcome(ReceiveStatus.Duplicate, $"a run with id '{runs[0].Id}' already exists") with
                {
                    EventId = result.EventId,
                    RunIds = runs.Select(r => r.Id).ToArray(),
                };
            }

            // A concurrent duplicate that lost the race inside the store gets the answer a later repeat gets.
            var fingerprint = request.IdempotencyKey?.Fingerprint ?? IdempotentRepeat.Fingerprint(webhook.Method, webhook.Body.Span);
            return await IdempotentRepeat.AnswerAsync(request, result, fingerprint, events, CancellationToken.None);
        }

        bus.Committed(accepted);

        return request.Outcome(request.Triggered ? ReceiveStatus.Accepted : ReceiveStatus.NotTriggered) with
        {
            EventId = result.EventId,
            RunIds = result.RunIds,
        };
    }

    /// <summary>
    /// The body when it is JSON (its text as sent), a form body's fields as a JSON object, else <c>{}</c>: a run's input
    /// is always a JSON text.
    /// </summary>
    internal static string DefaultInput(WebhookRequest request) => request.Json switch
    {
        null => "{}",
        { } fields when request.Form is not null => fields.GetRawText(),
        _ => Encoding.UTF8.GetString(request.Body.Span),
    };
}
