using Microsoft.AspNetCore.Identity;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Builtin.Users;

/// <summary>
/// Hashes and checks passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, random
/// salt, the framework's current iteration count).
/// </summary>
internal sealed class UserPasswords
{
    private static readonly UserRecord Decoy = new(string.Empty, string.Empty, string.Empty, string.Empty, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private readonly PasswordHasher<UserRecord> _hasher = new();

    // A hash of a random password, made by this same hasher so it costs what a real user's check costs; checked when
    // the name is unknown, so that "no such user" takes as long as "wrong password".
    private readonly Lazy<string> _decoyHash;

    public UserPasswords() =>
        _decoyHash = new(() => _hasher.HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    /// <summary>The hash to store for <paramref name="password"/>.</summary>
    public string Hash(UserRecord user, string password) => _hasher.HashPassword(user, password);

    /// <summary>
    /// Whether <paramref name="password"/> is <paramref name="user"/>'s; with no user, checks a decoy hash first so the
    /// answer (always false) takes the same time.
    /// </summary>
    public bool Verify(UserRecord? user, string password)
    {
        try
        {
            var result = _hasher.VerifyHashedPassword(user ?? Decoy, user?.PasswordHash ?? _decoyHash.Value, password);

            // SuccessRehashNeeded (an older format or iteration count) is still the right password; the store has no
            // update yet, so the hash stays as it is.
            return user is not null && result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        }
        catch (FormatException)
        {
            // A stored hash that is not base64 can match nothing.
            return false;
        }
    }

    /// <summary>Makes the decoy hash now (it costs one hashing), so the first login of an unknown name is not slower.</summary>
    public void WarmUp() => _ = _decoyHash.Value;
}
