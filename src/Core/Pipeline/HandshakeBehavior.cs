using MediatR;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 3b: a sender's own handshake (Slack's <c>url_verification</c>), once the request has authenticated, is
/// answered as the auth scheme says and goes no further. It is not stored: it is the sender checking the URL, not an
/// event, it would start nothing, and Slack's carries a verification token that has no business at rest. Before the
/// conditions, so a hook's conditions cannot make the handshake fail.
/// </summary>
internal sealed class HandshakeBehavior(ILogger<HandshakeBehavior> logger) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;

        // Only a verified request: in observe mode an unverified handshake is stored like any request, never answered.
        if (request.Auth is { Succeeded: true }
            && hook.Authenticator is IInboundHandshake handshake
            && handshake.Answer(request.Request!) is { } reply)
        {
            Log.HandshakeAnswered(logger, hook.Name, request.RequestId, hook.AuthScheme);
            return request.Outcome(ReceiveStatus.NotTriggered, "the sender's handshake was answered; nothing was stored") with { Reply = reply };
        }

        return await next();
    }
}
