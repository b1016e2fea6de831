using MediatR;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Around every step once the hook is known: a success (stored, with or without a run) gets the hook's configured
/// <c>response</c>, rendered with the ids the steps after it established. Failures keep their problem details.
/// </summary>
internal sealed class ReplyBehavior : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var outcome = await next();
        return outcome is { Status: ReceiveStatus.Accepted or ReceiveStatus.NotTriggered, Reply: null }
            && request.Hook?.Response is { } response
            ? outcome with { Reply = response.Render(outcome, request.Hook.Name) }
            : outcome;
    }
}
