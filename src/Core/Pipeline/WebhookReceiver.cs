using System.Text.RegularExpressions;
using MediatR;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>The <see cref="IWebhookReceiver"/> API surfaces call: it sends the request down the MediatR pipeline.</summary>
internal sealed partial class WebhookReceiver(IMediator mediator) : IWebhookReceiver
{
    public Task<ReceiveOutcome> ReceiveAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        // A caller's request id is kept for tracing when it is a plain token; otherwise the host makes one.
        var requestId = webhook.RequestId is { } given && SafeRequestId().IsMatch(given)
            ? given
            : Guid.CreateVersion7().ToString();
        return mediator.Send(new ReceiveWebhook(webhook, requestId), cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex SafeRequestId();
}
