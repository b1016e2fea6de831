using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Postgres.Events;

/// <summary>An accepted webhook with its JSON columns serialised, ready to be bound to the insert statements.</summary>
/// <param name="Webhook">The webhook.</param>
/// <param name="HeadersJson">The event's headers as stored.</param>
/// <param name="QueryJson">The event's query as stored.</param>
/// <param name="RunIds">The ids of its runs, in the order given.</param>
internal sealed record PreparedWebhook(AcceptedWebhook Webhook, string HeadersJson, string QueryJson, string[] RunIds)
{
    /// <summary>Whether two of its runs share an id: they collide with each other before they reach the table.</summary>
    public bool HasRepeatedRunIds => RunIds.Distinct(StringComparer.Ordinal).Count() != RunIds.Length;
}
