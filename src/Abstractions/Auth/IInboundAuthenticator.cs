using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>Decides whether one inbound request is genuine. Compare secrets in constant time; never log them.</summary>
public interface IInboundAuthenticator
{
    /// <summary>Headers that carry credentials; the host redacts them before the event is stored.</summary>
    IReadOnlyCollection<string> CredentialHeaders { get; }

    /// <summary>Query parameters that carry credentials; redacted the same way.</summary>
    IReadOnlyCollection<string> CredentialQueryParameters { get; }

    /// <summary>
    /// Route values that carry credentials (such as a key in the URL path); the host replaces their segments of the
    /// stored path with <c>[redacted]</c>.
    /// </summary>
    IReadOnlyCollection<string> CredentialRouteValues => [];

    /// <summary>
    /// Headers carrying the sender's own message id (such as GitHub's <c>X-GitHub-Delivery</c>), tried first when the
    /// hook does not list its own <c>idempotency.headers</c>. For ids the credential does not cover; a signed id is
    /// returned in <see cref="AuthResult.MessageId"/> instead.
    /// </summary>
    IReadOnlyList<string> IdempotencyHeaders => [];

    /// <summary>The <c>WWW-Authenticate</c> value sent with a 401, or <c>null</c>.</summary>
    string? Challenge { get; }

    /// <summary>Checks the request. The failure reason goes to the operator's log, never to the caller.</summary>
    /// <param name="request">The request, with its body read.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken);
}
