using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One event in a list.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="RequestId">The inbound request that caused it (the correlation id).</param>
/// <param name="Hook">The hook it was addressed to.</param>
/// <param name="Subject">Its event-bus subject, if any.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (credential segments redacted).</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="BodyBytes">The raw body's size.</param>
/// <param name="RemoteAddress">The sender's address, when known.</param>
internal sealed record EventSummaryView(
    string Id, string RequestId, string Hook, string? Subject, string Method, string Path, DateTimeOffset ReceivedAt, int BodyBytes, string? RemoteAddress)
{
    public static EventSummaryView From(WebhookEvent stored) => new(
        stored.Id.ToString(), stored.RequestId, stored.HookName, stored.Subject, stored.Method, stored.Path, stored.ReceivedAt, stored.Body.Length, stored.RemoteAddress);
}
