using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.ApiKey;

/// <summary>Accepts a request whose header (or query parameter) carries one of the configured keys.</summary>
internal sealed class ApiKeyAuthenticator : IInboundAuthenticator
{
    private readonly string _header;
    private readonly string? _query;
    private readonly byte[][] _keyHashes;
    private readonly string _missingReason;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="header">The header that carries the key.</param>
    /// <param name="query">A query parameter that may carry it instead, or <c>null</c>.</param>
    /// <param name="keyHashes">SHA-256 hashes of the accepted keys; a key's subject is its index.</param>
    public ApiKeyAuthenticator(string header, string? query, byte[][] keyHashes)
    {
        _header = header;
        _query = query;
        _keyHashes = keyHashes;
        _missingReason = query is null ? $"missing header {header}" : $"missing header {header} and query parameter {query}";
        CredentialHeaders = [header];
        CredentialQueryParameters = query is null ? [] : [query];
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialHeaders { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialQueryParameters { get; }

    /// <inheritdoc />
    public string? Challenge => null;

    /// <inheritdoc />
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var presented = Presented(request);
        if (presented is null)
        {
            return ValueTask.FromResult(AuthResult.Fail(_missingReason));
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);

        // Every stored hash is compared, in constant time, even after a match: how long the check takes says
        // nothing about which key (or how much of one) matched.
        var match = -1;
        for (var index = 0; index < _keyHashes.Length; index++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(hash, _keyHashes[index]);
            match = equal && match < 0 ? index : match;
        }

        return ValueTask.FromResult(match >= 0 ? AuthResult.Success($"key#{match}") : AuthResult.Fail("unknown key"));
    }

    /// <summary>The key the request presents: the header's when sent, else the query parameter's.</summary>
    private string? Presented(WebhookRequest request)
    {
        if (request.Header(_header)?.Trim() is { Length: > 0 } fromHeader)
        {
            return fromHeader;
        }

        return _query is not null && request.QueryValue(_query)?.Trim() is { Length: > 0 } fromQuery ? fromQuery : null;
    }
}
