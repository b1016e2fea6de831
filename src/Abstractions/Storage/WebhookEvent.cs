namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// An inbound request as stored: the raw body and the headers (credentials redacted), so that it can be
/// inspected and replayed later.
/// </summary>
/// <param name="Id">The event's id (UUIDv7).</param>
/// <param name="RequestId">The inbound request that caused it.</param>
/// <param name="HookName">The hook it was addressed to.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="Headers">Headers, credentials redacted.</param>
/// <param name="Query">Query parameters, credentials redacted.</param>
/// <param name="Body">The raw body.</param>
/// <param name="RemoteAddress">The sender's address, when known.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="Subject">The event-bus subject it was published under (<c>event.webhook.{name}</c>, <c>run.completed</c>), if any.</param>
public sealed record WebhookEvent(
    Guid Id,
    string RequestId,
    string HookName,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string[]> Query,
    byte[] Body,
    string? RemoteAddress,
    DateTimeOffset ReceivedAt,
    string? Subject = null);
