using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 1: find the hook the request is addressed to (404 otherwise), and hold it for the whole request: a
/// reloadable plugin replaced meanwhile serves this request to the end with the build it started on.
/// </summary>
internal sealed class ResolveHookBehavior(HookRegistry hooks) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        using var lease = hooks.Acquire(request.Inbound.HookName);
        var hook = lease?.Hook;

        // A hook that belongs to a surface is invisible elsewhere (a Dagu webhook is not a /hooks/{name} hook).
        request.Hook = hook is not null && string.Equals(hook.Surface, request.Inbound.Surface, StringComparison.Ordinal) ? hook : null;
        return request.Hook is null
            ? request.Outcome(ReceiveStatus.HookNotFound, $"no hook named '{request.Inbound.HookName}'")
            : await next();
    }
}
