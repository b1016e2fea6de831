using MediatR;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 3: is the request genuine (401), and may it be served (403 for a disabled hook). The failure reason is
/// logged for the operator and never told to the caller. Nothing is stored for a request that fails here.
/// </summary>
internal sealed class AuthenticateBehavior(ILogger<AuthenticateBehavior> logger) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;
        var result = await hook.Authenticator.AuthenticateAsync(request.Request!, cancellationToken);
        request.Auth = result;
        if (!result.Succeeded)
        {
            if (hook.AuthMode == AuthMode.Observe)
            {
                Log.AuthObserved(logger, hook.Name, request.RequestId, hook.AuthScheme, result.FailureReason ?? "unknown");
            }
            else
            {
                Log.AuthFailed(logger, hook.Name, request.RequestId, hook.AuthScheme, result.FailureReason ?? "unknown");
                return request.Outcome(ReceiveStatus.Unauthorized) with { Challenge = hook.Authenticator.Challenge };
            }
        }

        if (!hook.Enabled)
        {
            return request.Outcome(ReceiveStatus.Forbidden, $"hook '{hook.Name}' is disabled");
        }

        return await next();
    }
}
