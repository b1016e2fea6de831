using MediatR;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 5: the request's idempotency key. A signed message id (<see cref="Abstractions.Auth.AuthResult.MessageId"/>)
/// is the key whenever the authenticator verified one, so that a header the signature does not cover cannot give a
/// captured request a fresh key; otherwise the first of the hook's idempotency headers present. A key already stored
/// is answered by <see cref="IdempotentRepeat"/> (a replay of the first answer, or 409). This is the fast path; the
/// store's unique key settles races between concurrent duplicates inside the accepting transaction.
/// </summary>
internal sealed class DeduplicateBehavior(IEventStore events, TimeProvider clock) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    private const int MaxKeyLength = 200;

    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;
        var webhook = request.Request!;
        var expiresAt = clock.GetUtcNow() + hook.IdempotencyRetention;
        string? key;
        if (request.Auth is { Succeeded: true, MessageId: { } signed } auth && !string.IsNullOrWhiteSpace(signed))
        {
            key = signed.Trim();

            // The record is also the replay record: it must outlive the window in which a replay still verifies.
            if (auth.ReplayableUntil is { } until && until > expiresAt)
            {
                expiresAt = until;
            }
        }
        else
        {
            key = hook.IdempotencyHeaders.Select(webhook.Header).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        }

        if (key is null)
        {
            return await next();
        }

        if (key.Length > MaxKeyLength)
        {
            return request.Outcome(ReceiveStatus.BadRequest, $"the idempotency key is longer than {MaxKeyLength} characters");
        }

        var fingerprint = IdempotentRepeat.Fingerprint(webhook.Method, webhook.Body.Span);
        var earlier = await events.FindIdempotencyKeyAsync(hook.Name, key, cancellationToken);
        if (earlier is not null)
        {
            return await IdempotentRepeat.AnswerAsync(request, earlier, fingerprint, events, cancellationToken);
        }

        request.IdempotencyKey = new IdempotencyKey(hook.Name, key, expiresAt) { Fingerprint = fingerprint };
        return await next();
    }
}
