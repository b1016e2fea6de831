namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Everything that must be committed, in one transaction, before a request is answered 2xx.</summary>
/// <param name="Event">The event.</param>
/// <param name="Runs">The runs it starts.</param>
/// <param name="IdempotencyKey">The request's idempotency key, if it had one.</param>
/// <param name="Deliveries">The outbox: one delivery per subscribed destination.</param>
public sealed record AcceptedWebhook(
    WebhookEvent Event, IReadOnlyList<NewRun> Runs, IdempotencyKey? IdempotencyKey, IReadOnlyList<Delivery.NewDelivery>? Deliveries = null);
