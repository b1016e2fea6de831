using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Answers a request whose idempotency key is already stored, as Stripe answers idempotent requests: the exact repeat
/// of an accepted request (same method and raw body) gets the first request's answer again, marked as a replay, and
/// nothing new is stored or run; the same key with another request is a 409 naming the first request. Senders retry
/// every non-2xx answer and in the end disable the endpoint, so a retry must not be refused.
/// </summary>
internal static class IdempotentRepeat
{
    /// <summary>SHA-256 of the method, a line feed and the raw body: what makes two requests "the same" request.</summary>
    public static byte[] Fingerprint(string method, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method.ToUpperInvariant()));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>The answer to <paramref name="request"/>, whose key the store already holds as <paramref name="earlier"/>.</summary>
    public static async Task<ReceiveOutcome> AnswerAsync(
        ReceiveWebhook request, AcceptResult earlier, byte[] fingerprint, IEventStore events, CancellationToken cancellationToken)
    {
        var stored = earlier.Fingerprint;
        var firstRequestId = earlier.RequestId;
        if ((stored is null || firstRequestId is null) && earlier.EventId is { } eventId
            && await events.GetEventAsync(eventId, cancellationToken) is { } first)
        {
            // A key stored before fingerprints were kept: its event holds the method and the raw body byte-exact.
            stored ??= Fingerprint(first.Method, first.Body);
            firstRequestId ??= first.RequestId;
        }

        if (stored is not null && CryptographicOperations.FixedTimeEquals(stored, fingerprint))
        {
            // A first request that started no run was answered 204; its repeat is answered the same way.
            var status = earlier.RunIds.Count > 0 ? ReceiveStatus.Accepted : ReceiveStatus.NotTriggered;
            return request.Outcome(status) with
            {
                EventId = earlier.EventId,
                RunIds = earlier.RunIds,
                Replayed = true,
                FirstRequestId = firstRequestId,
            };
        }

        var detail = $"this idempotency key was first used by request '{firstRequestId ?? "unknown"}' (event '{earlier.EventId}') with a different method or body";
        return request.Outcome(ReceiveStatus.Duplicate, detail) with
        {
            EventId = earlier.EventId,
            RunIds = earlier.RunIds,
            FirstRequestId = firstRequestId,
        };
    }
}
