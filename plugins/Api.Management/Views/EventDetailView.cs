using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Redaction;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One event with its raw body, its headers (credentials redacted), and the runs and deliveries it started.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="RequestId">The inbound request that caused it (the correlation id).</param>
/// <param name="Hook">The hook it was addressed to.</param>
/// <param name="Subject">Its event-bus subject, if any.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (credential segments redacted).</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="RemoteAddress">The sender's address, when known.</param>
/// <param name="Headers">The request headers; credentials (authorization, cookies, signatures, keys, tokens) show as <c>[redacted]</c>.</param>
/// <param name="Query">The query parameters, credentials redacted.</param>
/// <param name="Body">The raw body as UTF-8 text, or <c>null</c> when it is not UTF-8.</param>
/// <param name="BodyBase64">The raw body, exactly, in base64.</param>
/// <param name="Runs">The runs it started.</param>
/// <param name="Deliveries">The deliveries it started.</param>
internal sealed record EventDetailView(
    string Id,
    string RequestId,
    string Hook,
    string? Subject,
    string Method,
    string Path,
    DateTimeOffset ReceivedAt,
    string? RemoteAddress,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string[]> Query,
    string? Body,
    string BodyBase64,
    IReadOnlyList<RunView> Runs,
    IReadOnlyList<DeliveryView> Deliveries)
{
    public static EventDetailView From(WebhookEvent stored, IReadOnlyList<RunView> runs, IReadOnlyList<DeliveryView> deliveries) => new(
        stored.Id.ToString(),
        stored.RequestId,
        stored.HookName,
        stored.Subject,
        stored.Method,
        stored.Path,
        stored.ReceivedAt,
        stored.RemoteAddress,
        HeaderRedactor.Redact(stored.Headers),
        stored.Query,
        BodyText.Utf8(stored.Body),
        Convert.ToBase64String(stored.Body),
        runs,
        deliveries);
}
