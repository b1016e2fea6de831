using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>
/// Issues and checks host-generated bearer tokens: a readable prefix and at least 256 bits of randomness, shown once; only
/// a keyed hash is stored. Provided by the bearer-token plugin, for API surfaces and commands that hand out tokens.
/// </summary>
public interface ITokenService
{
    /// <summary>Issues a token for <paramref name="scope"/>; with <paramref name="replaceScope"/> the scope's other tokens stop working at once.</summary>
    /// <param name="scope">What the token opens, such as <c>hook:deploy</c>.</param>
    /// <param name="prefix">The readable prefix (such as <c>dagu_wh_</c>); <c>null</c> for the configured default.</param>
    /// <param name="expiresAt">When it stops working; <c>null</c> for never.</param>
    /// <param name="createdBy">Who asked for it, recorded.</param>
    /// <param name="replaceScope">True to rotate: delete the scope's other tokens in the same transaction.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<IssuedToken> IssueAsync(string scope, string? prefix, DateTimeOffset? expiresAt, string? createdBy, bool replaceScope, CancellationToken cancellationToken);

    /// <summary>The stored token a presented token stands for, when it exists and has not expired; <c>null</c> otherwise.</summary>
    /// <param name="token">The presented token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<AuthTokenRecord?> ValidateAsync(string token, CancellationToken cancellationToken);
}
