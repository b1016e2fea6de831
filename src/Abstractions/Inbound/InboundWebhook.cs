using System.Net;

namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// What an API surface hands to <see cref="IWebhookReceiver"/>: the target hook and the request, whose body is
/// still a stream so that the hook's body limit is enforced while reading it, never after buffering it.
/// </summary>
/// <param name="HookName">The hook to deliver to.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="Headers">Request headers (case-insensitive).</param>
/// <param name="Query">Query parameters.</param>
/// <param name="RouteValues">Route values the surface captured.</param>
/// <param name="RemoteAddress">The remote address.</param>
/// <param name="ContentLength">The declared length, when the sender gave one.</param>
/// <param name="Body">The body stream.</param>
public sealed record InboundWebhook(
    string HookName,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string[]> Query,
    IReadOnlyDictionary<string, string> RouteValues,
    IPAddress? RemoteAddress,
    long? ContentLength,
    Stream Body)
{
    /// <summary>A request id chosen by the surface; the host makes one when it is <c>null</c>.</summary>
    public string? RequestId { get; init; }

    /// <summary>A run id the sender chose; run ids are unique, a reused one is a duplicate (409).</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// Checks the read request against the surface's own rules (such as the form of a run id in the body); a message
    /// makes the answer 400 with that detail. Runs after authentication, before anything is stored.
    /// </summary>
    public Func<WebhookRequest, string?>? Validate { get; init; }

    /// <summary>Picks the run id from the read request (such as Dagu's <c>dagRunId</c> in the body); <c>null</c> for a new UUIDv7.</summary>
    public Func<WebhookRequest, string?>? SelectRunId { get; init; }

    /// <summary>The API surface the request came through; hooks registered for a surface are served only through it.</summary>
    public string? Surface { get; init; }

    /// <summary>The event-bus subject an accepted request is published under; default <c>event.webhook.{HookName}</c>.</summary>
    public string? EventSubject { get; init; }

    /// <summary>
    /// The run's input as JSON, when the surface extracts it itself (such as a <c>payload</c> wrapper field);
    /// otherwise the body when it is JSON, else <c>{}</c>.
    /// </summary>
    public Func<WebhookRequest, string>? SelectInput { get; init; }
}
