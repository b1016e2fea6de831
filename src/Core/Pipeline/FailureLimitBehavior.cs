using MediatR;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Around the rest of the pipeline: a client address that failed authentication on this hook too often within the
/// window gets 429 with <c>Retry-After</c>, before its body is read or its credentials are checked; every 401 the
/// rest of the pipeline answers counts as a failure. Successful requests spend nothing, so a genuine sender is
/// never refused. A refused address is refused even with a correct credential: answering those would tell a
/// guesser which guess was right, and the limit would not slow guessing down at all.
/// </summary>
internal sealed class FailureLimitBehavior(AuthFailureLimiter limiter, ILogger<FailureLimitBehavior> logger) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;
        var address = FailureLimiter.AddressKey(request.Inbound.RemoteAddress);
        var key = $"{hook.Name} {address}";
        if (limiter.Failures.IsBlocked(key, out var retryAfter))
        {
            Log.AuthFailureLimitRefused(logger, hook.Name, request.RequestId, address);
            return request.Outcome(ReceiveStatus.TooManyRequests, "too many failed authentications from this address; try again later")
                with { RetryAfter = retryAfter };
        }

        var outcome = await next();
        if (outcome.Status == ReceiveStatus.Unauthorized && limiter.Failures.RecordFailure(key))
        {
            Log.AuthFailureLimitReached(logger, hook.Name, address, limiter.Failures.Limit, limiter.Failures.Window);
        }

        return outcome;
    }
}
