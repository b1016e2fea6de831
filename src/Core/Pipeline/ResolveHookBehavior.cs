using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>Step 1: find the hook the request is addressed to (404 otherwise).</summary>
internal sealed class ResolveHookBehavior(HookRegistry hooks) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        request.Hook = hooks.Find(request.Inbound.HookName);
        return request.Hook is null
            ? Task.FromResult(request.Outcome(ReceiveStatus.HookNotFound, $"no hook named '{request.Inbound.HookName}'"))
            : next();
    }
}
