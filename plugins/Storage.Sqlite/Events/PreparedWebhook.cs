using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Sqlite.Events;

/// <summary>An accepted webhook with its JSON columns already serialised, ready for the single writer.</summary>
/// <param name="Webhook">The webhook.</param>
/// <param name="HeadersJson">The event's headers as stored.</param>
/// <param name="QueryJson">The event's query as stored.</param>
/// <param name="RunIds">The ids of its runs, in order.</param>
internal sealed record PreparedWebhook(AcceptedWebhook Webhook, string HeadersJson, string QueryJson, string[] RunIds);
