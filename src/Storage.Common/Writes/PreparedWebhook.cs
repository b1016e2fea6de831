using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;

namespace Webhooks.Modular.Storage.Common.Writes;

/// <summary>
/// An accepted webhook checked and with its JSON columns serialised, ready to be bound to a store's insert
/// statements. Built on the caller's thread, before any connection or writer is taken.
/// </summary>
/// <param name="Webhook">The webhook.</param>
/// <param name="HeadersJson">The event's headers as stored.</param>
/// <param name="QueryJson">The event's query as stored.</param>
/// <param name="RunIds">The ids of its runs, in the order given.</param>
public sealed record PreparedWebhook(AcceptedWebhook Webhook, string HeadersJson, string QueryJson, string[] RunIds)
{
    /// <summary>Whether two of its runs share an id: they collide with each other before they reach the table.</summary>
    public bool HasRepeatedRunIds => RunIds.Distinct(StringComparer.Ordinal).Count() != RunIds.Length;

    /// <summary>Checks the webhook and serialises its JSON columns.</summary>
    /// <param name="webhook">What to write.</param>
    /// <param name="paramName">The caller's parameter, named in errors.</param>
    public static PreparedWebhook From(AcceptedWebhook webhook, string paramName)
    {
        ArgumentNullException.ThrowIfNull(webhook, paramName);
        ArgumentNullException.ThrowIfNull(webhook.Event, paramName);
        ArgumentNullException.ThrowIfNull(webhook.Runs, paramName);
        foreach (var run in webhook.Runs)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(run.MaxAttempts, 1, paramName);
        }

        foreach (var delivery in webhook.Deliveries ?? [])
        {
            if (delivery is null || delivery.Body is null || string.IsNullOrEmpty(delivery.Id) || string.IsNullOrEmpty(delivery.DestinationId))
            {
                throw new ArgumentException("Every delivery needs an id, a destination id and a body.", paramName);
            }
        }

        return new PreparedWebhook(
            webhook,
            JsonColumns.WriteValues(webhook.Event.Headers),
            JsonColumns.WriteValues(webhook.Event.Query),
            webhook.Runs.Select(r => r.Id).ToArray());
    }
}
