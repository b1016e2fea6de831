using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;

namespace Samples.Greeting;

/// <summary>Accepts a request whose greeting header carries the hook's word.</summary>
public sealed class GreetingAuthenticator(string word, string header) : IInboundAuthenticator
{
    private readonly byte[] _wordHash = SHA256.HashData(Encoding.UTF8.GetBytes(word));

    /// <summary>Headers that carry the credential: redacted before the event is stored.</summary>
    public IReadOnlyCollection<string> CredentialHeaders => [header];

    /// <summary>Query parameters that carry it (none here): redacted the same way.</summary>
    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    /// <summary>Route values that carry it, such as a key in the URL path (none here).</summary>
    public IReadOnlyCollection<string> CredentialRouteValues => [];

    /// <summary>The sender's own delivery-id headers, tried first for idempotency when the hook lists none.</summary>
    public IReadOnlyList<string> IdempotencyHeaders => ["X-Greeting-Delivery"];

    /// <summary>The <c>WWW-Authenticate</c> value of a 401 (or <c>null</c>).</summary>
    public string? Challenge => "Greeting";

    /// <summary>Checks one request; the failure reason goes to the operator's log, never to the caller.</summary>
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (request.Header(header) is not { Length: > 0 } presented)
        {
            return ValueTask.FromResult(AuthResult.Fail($"missing {header}"));
        }

        // Constant time whatever the lengths (both sides hashed); the word is never logged.
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _wordHash);
        return ValueTask.FromResult(matches ? AuthResult.Success(subject: "greeter") : AuthResult.Fail("wrong greeting"));
    }
}
