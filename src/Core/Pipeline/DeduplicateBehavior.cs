using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 5: a request whose idempotency key was seen within the retention window is a duplicate (409, with
/// the first request's ids). This is the fast path; the store's unique key settles races between
/// concurrent duplicates inside the accepting transaction.
/// </summary>
internal sealed class DeduplicateBehavior(IEventStore events, TimeProvider clock) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    private const int MaxKeyLength = 200;

    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;
        var key = hook.IdempotencyHeaders.Select(h => request.Request!.Header(h)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (key is null)
        {
            return await next();
        }

        if (key.Length > MaxKeyLength)
        {
            return request.Outcome(ReceiveStatus.BadRequest, $"the idempotency key is longer than {MaxKeyLength} characters");
        }

        var earlier = await events.FindIdempotencyKeyAsync(hook.Name, key, cancellationToken);
        if (earlier is not null)
        {
            return request.Outcome(ReceiveStatus.Duplicate, "this idempotency key was already received") with { EventId = earlier.EventId, RunIds = earlier.RunIds };
        }

        request.IdempotencyKey = new IdempotencyKey(hook.Name, key, clock.GetUtcNow() + hook.IdempotencyRetention);
        return await next();
    }
}
