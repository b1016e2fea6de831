using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Auth.Hmac.Handshakes;
using Webhooks.Modular.Auth.Hmac.Signatures;

namespace Webhooks.Modular.Auth.Hmac;

/// <summary>
/// Accepts a request when a signature it presents is the HMAC, under one of the hook's active secrets, of what its
/// scheme says was signed (always ending with the exact raw body) and its timestamp (if any) is within the tolerance.
/// The message id the signature covers, if any, is handed to the host as <see cref="AuthResult.MessageId"/>: it becomes
/// the request's idempotency key, kept in the store (so across restarts and hosts) at least until a replay of the
/// message would fail the timestamp check. A replay is thereby answered as a repeat and never stored or run twice.
/// </summary>
internal sealed class HmacAuthenticator : IInboundAuthenticator, IInboundHandshake
{
    private readonly ISignatureScheme _scheme;
    private readonly IReadOnlyList<HmacSecret> _secrets;
    private readonly long _toleranceSeconds;
    private readonly TimeProvider _clock;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="scheme">The provider's signing rule.</param>
    /// <param name="secrets">The hook's secrets, in configuration order.</param>
    /// <param name="tolerance">How far a signed timestamp may be from now, either way (timestamped schemes).</param>
    /// <param name="clock">The clock timestamps and expiry are checked against.</param>
    public HmacAuthenticator(ISignatureScheme scheme, IReadOnlyList<HmacSecret> secrets, TimeSpan tolerance, TimeProvider clock)
    {
        _scheme = scheme;
        _secrets = secrets;
        _toleranceSeconds = (long)tolerance.TotalSeconds;
        _clock = clock;
    }

    /// <summary>
    /// None. Signatures are not secrets: each is good for one body only (and, for timestamped schemes, for minutes),
    /// and keeping them lets a stored event be verified again when it is replayed or audited.
    /// </summary>
    public IReadOnlyCollection<string> CredentialHeaders => [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    /// <inheritdoc />
    public string? Challenge => null;

    /// <summary>Slack's url_verification, for the <c>slack</c> preset; no other preset's senders open with a handshake.</summary>
    public ReceiveReply? Answer(WebhookRequest request) =>
        _scheme is SlackSignatureScheme ? SlackUrlVerification.Answer(request) : null;

    /// <inheritdoc />
    public IReadOnlyList<string> IdempotencyHeaders => _scheme.IdempotencyHeaders;

    /// <inheritdoc />
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(request));

    private AuthResult Authenticate(WebhookRequest request)
    {
        var presented = _scheme.Read(request);
        if (presented.Failure is { } failure)
        {
            return AuthResult.Fail(failure);
        }

        var now = _clock.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        if (presented.Timestamp is { } timestamp)
        {
            // Parsed timestamps are non-negative and now is a small positive number: neither difference overflows.
            if (nowSeconds - timestamp > _toleranceSeconds)
            {
                return AuthResult.Fail(SignatureFailures.StaleTimestamp);
            }

            if (timestamp - nowSeconds > _toleranceSeconds)
            {
                return AuthResult.Fail(SignatureFailures.FutureTimestamp);
            }
        }

        if (presented.Candidates.Count == 0)
        {
            return AuthResult.Fail(presented.HasUndecodable ? SignatureFailures.UnsupportedEncoding : SignatureFailures.NoMatch);
        }

        var (matched, matchedExpired) = Match(presented, request.Body.Span, now);
        if (matched is null)
        {
            // Naming the expired secret that would have matched tells the operator a sender missed a rotation.
            return AuthResult.Fail(matchedExpired is null
                ? SignatureFailures.NoMatch
                : $"{SignatureFailures.NoMatch} ({matchedExpired.Subject} has expired)");
        }

        if (presented.MessageId is not { } id)
        {
            return AuthResult.Success(matched.Subject);
        }

        // A replay of this exact message passes the timestamp check until timestamp + tolerance (later for a message
        // stamped ahead of now); its record must last at least that long.
        DateTimeOffset? replayableUntil = presented.Timestamp is { } signedAt
            ? DateTimeOffset.FromUnixTimeSeconds(signedAt + _toleranceSeconds)
            : null;
        return AuthResult.Success(matched.Subject) with { MessageId = id, ReplayableUntil = replayableUntil };
    }

    /// <summary>
    /// The first active secret any candidate matches, and failing that the first expired one. Every secret is
    /// computed and every candidate compared in constant time, without stopping at a match, so timing tells
    /// nothing about which secret (or how much of a signature) matched.
    /// </summary>
    private (HmacSecret? Matched, HmacSecret? MatchedExpired) Match(PresentedSignature presented, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        HmacSecret? matched = null;
        HmacSecret? matchedExpired = null;
        foreach (var secret in _secrets)
        {
            using var hmac = IncrementalHash.CreateHMAC(_scheme.Algorithm, secret.Key);
            hmac.AppendData(presented.SignedPrefix);
            hmac.AppendData(body);
            var computed = hmac.GetHashAndReset();

            var equal = false;
            foreach (var candidate in presented.Candidates)
            {
                equal |= CryptographicOperations.FixedTimeEquals(candidate, computed);
            }

            if (equal && secret.IsActiveAt(now))
            {
                matched ??= secret;
            }
            else if (equal)
            {
                matchedExpired ??= secret;
            }
        }

        return (matched, matchedExpired);
    }
}
