using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Auth.Basic;

/// <summary>Validates a hook's <c>basic</c> settings, hashes or checks its users' passwords and builds the authenticator.</summary>
internal sealed class BasicAuthSchemeFactory : IAuthSchemeFactory
{
    internal const string DefaultRealm = "webhooks";

    // The layout of an ASP.NET Core Identity v3 hash: marker 0x01, PRF, iteration count and salt length (each a
    // big-endian uint32), the salt, then the derived key. PasswordHasher rejects salts and keys under 128 bits.
    private const int V3HeaderLength = 13;
    private const int MinimumSaltOrKeyLength = 16;

    /// <inheritdoc />
    public string Scheme => "basic";

    /// <inheritdoc />
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        var realm = ReadRealm(settings);
        var hasher = new PasswordHasher<BasicUser>();

        var entries = settings.Section.GetSection("users").GetChildren().ToArray();
        if (entries.Length == 0)
        {
            throw settings.Error("users", "must list at least one user: { \"username\": ..., \"password\": ... } or { \"username\": ..., \"passwordHash\": ... }");
        }

        var users = new List<BasicUser>(entries.Length);
        foreach (var entry in entries)
        {
            var user = ReadUser(settings, hasher, entry, $"users:{entry.Key}");
            var duplicate = users.FindIndex(u => u.Username.Equals(user.Username, StringComparison.Ordinal));
            if (duplicate >= 0)
            {
                throw settings.Error($"users:{entry.Key}:username", $"'{user.Username}' is listed twice");
            }

            users.Add(user);
        }

        // An unknown user name is checked against this hash of a random password, so that answering "unknown
        // user" costs as much time as answering "wrong password".
        var decoy = new BasicUser(string.Empty, [], string.Empty);
        var decoyHash = hasher.HashPassword(decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        return new BasicAuthenticator(realm, users, decoy with { PasswordHash = decoyHash }, hasher);
    }

    private static BasicUser ReadUser(ComponentSettings settings, PasswordHasher<BasicUser> hasher, IConfigurationSection entry, string key)
    {
        if (entry.Value is not null || !entry.GetChildren().Any())
        {
            throw settings.Error(key, "must be an object: { \"username\": ..., \"password\": ... } or { \"username\": ..., \"passwordHash\": ... }");
        }

        var username = settings.Required($"{key}:username");
        if (username.Contains(':', StringComparison.Ordinal) || username.Any(char.IsControl))
        {
            throw settings.Error($"{key}:username", $"'{username}' may not contain ':' or control characters (RFC 7617)");
        }

        var user = new BasicUser(username, SHA256.HashData(Encoding.UTF8.GetBytes(username)), string.Empty);
        var password = settings.Optional($"{key}:password");
        var passwordHash = settings.Optional($"{key}:passwordHash");
        switch (password, passwordHash)
        {
            case (null, null):
                throw settings.Error(key, "needs 'password' (a literal, env:NAME or file:path) or 'passwordHash'");
            case (not null, not null):
                throw settings.Error(key, "has both 'password' and 'passwordHash'; give one");
            case (not null, null):
                // Used exactly as given (a file: secret is trimmed by the resolver): spaces may be part of a password.
                var secret = settings.ResolveSecret($"{key}:password", password);
                if (secret.Length == 0)
                {
                    throw settings.Error($"{key}:password", "is empty");
                }

                // Only the slow hash is kept: a memory dump does not hand out working passwords.
                return user with { PasswordHash = hasher.HashPassword(user, secret) };
            default:
                var hash = passwordHash!.Trim();
                return IsV3Hash(hash)
                    ? user with { PasswordHash = hash }
                    : throw settings.Error($"{key}:passwordHash", "is not an ASP.NET Core Identity v3 password hash (base64, starting with AQAAAA)");
        }
    }

    /// <summary>Whether <paramref name="hash"/> is well-formed, so a typo fails at start-up rather than on every request.</summary>
    private static bool IsV3Hash(string hash)
    {
        var bytes = new byte[hash.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < V3HeaderLength || bytes[0] != 0x01)
        {
            return false;
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        return prf <= (uint)KeyDerivationPrf.HMACSHA512
            && iterations > 0
            && saltLength >= MinimumSaltOrKeyLength
            && length - V3HeaderLength - (long)saltLength >= MinimumSaltOrKeyLength;
    }

    private static string ReadRealm(ComponentSettings settings)
    {
        var realm = settings.Optional("realm");
        if (realm is null)
        {
            return DefaultRealm;
        }

        // The realm is written into a quoted string of the WWW-Authenticate header.
        return realm.Length > 0 && realm.All(c => c is >= ' ' and < '\u007f' and not '"' and not '\\')
            ? realm
            : throw settings.Error("realm", "must be non-empty printable ASCII without '\"' or '\\'");
    }
}
