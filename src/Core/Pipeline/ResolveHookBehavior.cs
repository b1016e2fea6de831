using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>Step 1: find the hook the request is addressed to (404 otherwise).</summary>
internal sealed class ResolveHookBehavior(HookRegistry hooks) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        // A hook that belongs to a surface is invisible elsewhere (a Dagu webhook is not a /hooks/{name} hook).
        var hook = hooks.Find(request.Inbound.HookName);
        request.Hook = hook is not null && string.Equals(hook.Surface, request.Inbound.Surface, StringComparison.Ordinal) ? hook : null;
        return request.Hook is null
            ? Task.FromResult(request.Outcome(ReceiveStatus.HookNotFound, $"no hook named '{request.Inbound.HookName}'"))
            : next();
    }
}
