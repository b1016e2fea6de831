using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>
/// Implemented by an <see cref="IInboundAuthenticator"/> whose senders open with a handshake of their own (such as
/// Slack's <c>url_verification</c>). The host asks only after the request authenticated; a reply is sent as is,
/// and the request is neither stored nor run.
/// </summary>
public interface IInboundHandshake
{
    /// <summary>The answer to a handshake request, or <c>null</c> when the request is an ordinary event.</summary>
    /// <param name="request">The authenticated request, body read.</param>
    ReceiveReply? Answer(WebhookRequest request);
}
