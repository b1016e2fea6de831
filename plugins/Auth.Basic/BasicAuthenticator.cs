using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Basic;

/// <summary>Accepts a request whose <c>Authorization: Basic</c> credentials name a configured user and their password.</summary>
internal sealed class BasicAuthenticator : IInboundAuthenticator
{
    private const string AuthorizationHeader = "Authorization";

    // Far above any real user name and password; Kestrel caps the header anyway, this caps what is decoded.
    private const int MaxCredentialsLength = 4096;

    private readonly IReadOnlyList<BasicUser> _users;
    private readonly BasicUser _decoy;
    private readonly PasswordHasher<BasicUser> _hasher;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="realm">The realm named in the challenge.</param>
    /// <param name="users">The configured users, with their password hashes.</param>
    /// <param name="decoy">A hash of a random password, checked when the user is unknown so timing does not tell.</param>
    /// <param name="hasher">Verifies passwords against the hashes.</param>
    public BasicAuthenticator(string realm, IReadOnlyList<BasicUser> users, BasicUser decoy, PasswordHasher<BasicUser> hasher)
    {
        _users = users;
        _decoy = decoy;
        _hasher = hasher;
        Challenge = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialHeaders { get; } = [AuthorizationHeader];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    /// <inheritdoc />
    public string Challenge { get; }

    /// <inheritdoc />
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Authenticate(request));

    private AuthResult Authenticate(WebhookRequest request)
    {
        if (!request.Headers.TryGetValue(AuthorizationHeader, out var values) || values.All(string.IsNullOrWhiteSpace))
        {
            return AuthResult.Fail("missing Authorization header");
        }

        var header = values[0].Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Fail("not Basic");
        }

        // Two Authorization headers are ambiguous: which one did the sender mean?
        if (values.Length > 1 || space < 0 || !TryDecode(header[(space + 1)..].TrimStart(' '), out var username, out var password))
        {
            return AuthResult.Fail("malformed Basic credentials");
        }

        Span<byte> usernameHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(username), usernameHash);

        // Every user is compared, in constant time and on digests of equal length, without stopping at a match;
        // then exactly one password check runs, against the decoy when the user is unknown. So how long the
        // answer takes says nothing about which user names exist.
        var match = -1;
        for (var index = 0; index < _users.Count; index++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(usernameHash, _users[index].UsernameHash);
            match = equal && match < 0 ? index : match;
        }

        var user = match >= 0 ? _users[match] : _decoy;
        var verified = _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (match < 0)
        {
            return AuthResult.Fail("unknown user");
        }

        return verified ? AuthResult.Success(user.Username) : AuthResult.Fail("wrong password");
    }

    /// <summary>Decodes <c>base64(user-id ":" password)</c> strictly: valid base64 and UTF-8, a ':', no control characters.</summary>
    private static bool TryDecode(string token, out string username, out string password)
    {
        username = password = string.Empty;
        if (token.Length is 0 or > MaxCredentialsLength || token.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var bytes = new byte[token.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(token, bytes, out var length) || !Utf8.IsValid(bytes.AsSpan(0, length)))
        {
            return false;
        }

        // RFC 7617: the user-id cannot contain ':', so the first ':' separates it; the password may contain more.
        var credentials = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || credentials.Any(char.IsControl))
        {
            return false;
        }

        username = credentials[..colon];
        password = credentials[(colon + 1)..];
        return true;
    }
}
