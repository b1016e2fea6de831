using MediatR;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 4: does the request start anything. When a condition is not met the request is still stored (it was
/// genuine and acknowledged) but no run starts, and the answer is 204.
/// </summary>
internal sealed class ConditionsBehavior : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        foreach (var condition in request.Hook!.Conditions)
        {
            if (!await condition.IsMetAsync(request.Request!, cancellationToken))
            {
                request.Triggered = false;
                break;
            }
        }

        return await next();
    }
}
