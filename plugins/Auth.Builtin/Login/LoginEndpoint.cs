using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Builtin.Diagnostics;
using Webhooks.Modular.Auth.Builtin.Sessions;
using Webhooks.Modular.Auth.Builtin.Users;

namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>
/// <c>POST {loginPath}</c> with <c>{"username","password"}</c>: a new session token for the user, or 401 that does not
/// say whether the name or the password was wrong. An address with too many failed logins within the window gets 429
/// with <c>Retry-After</c>, even for a correct password (answering it would tell a guesser which guess was right).
/// </summary>
internal sealed class LoginEndpoint(
    IUserStore users, ITokenService tokens, UserPasswords passwords, BuiltinAuthOptions options, TimeProvider clock, ILogger logger)
    : IDisposable
{
    private readonly FailureLimiter _failures = new(options.LoginFailureLimit, options.LoginFailureWindow);

    /// <summary>Far above any name and password; what is read of a body, at most.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const string InvalidCredentials = "invalid username or password";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = FailureLimiter.AddressKey(context.Connection.RemoteIpAddress);
        if (_failures.IsBlocked(address, out var retryAfter))
        {
            Log.LoginFailureLimitRefused(logger, address);
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await JsonAnswer.ErrorAsync(
                context.Response, StatusCodes.Status429TooManyRequests, "too_many_requests", "too many failed sign-ins from this address; try again later", cancellationToken);
            return;
        }

        var credentials = await ReadAsync(context.Request, cancellationToken);
        if (credentials.Problem is { } problem)
        {
            await JsonAnswer.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "bad_request", problem, cancellationToken);
            return;
        }

        var user = await users.FindUserByNameAsync(credentials.Username, cancellationToken);

        // Verified whether or not the user exists (against a decoy hash when not), so the time taken does not tell.
        if (!passwords.Verify(user, credentials.Password))
        {
            if (user is null)
            {
                Log.UnknownUser(logger);
            }
            else
            {
                Log.WrongPassword(logger, user.Username, user.Id);
            }

            if (_failures.RecordFailure(address))
            {
                Log.LoginFailureLimitReached(logger, _failures.Limit, address, _failures.Window);
            }

            await JsonAnswer.ErrorAsync(context.Response, StatusCodes.Status401Unauthorized, "unauthorized", InvalidCredentials, cancellationToken);
            return;
        }

        // Whole seconds: what the caller is told is exactly what is stored.
        var expiresAt = clock.GetUtcNow() + options.SessionLifetime;
        expiresAt = expiresAt.AddTicks(-(expiresAt.UtcTicks % TimeSpan.TicksPerSecond));
        var session = await tokens.IssueAsync(
            SessionScope.Of(user!.Id), options.SessionPrefix, expiresAt, createdBy: user.Id, replaceScope: false, cancellationToken);
        Log.SignedIn(logger, user.Username, user.Id, session.Record.Prefix, expiresAt);
        await JsonAnswer.WriteAsync(
            context.Response,
            StatusCodes.Status200OK,
            writer =>
            {
                writer.WriteString("token", session.Token);
                writer.WriteString("expiresAt", expiresAt);
                writer.WriteStartObject("user");
                writer.WriteString("id", user.Id);
                writer.WriteString("username", user.Username);
                writer.WriteString("role", user.Role);
                writer.WriteEndObject();
            },
            cancellationToken);
    }

    public void Dispose() => _failures.Dispose();

    private static async Task<LoginCredentials> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return LoginCredentials.Bad($"the body is larger than {MaxBodyBytes} bytes");
        }

        // Read at most one byte past the limit, whatever Content-Length said (or did not say, when chunked).
        var body = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            return LoginCredentials.Bad($"the body is larger than {MaxBodyBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.AsMemory(0, length));
        }
        catch (JsonException)
        {
            return LoginCredentials.Bad("the body is not valid JSON; send {\"username\": \"...\", \"password\": \"...\"}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("username", out var username) && username.ValueKind == JsonValueKind.String
                && root.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String
                && username.GetString() is { Length: > 0 } name
                && password.GetString() is { Length: > 0 } secret)
            {
                return new LoginCredentials(name, secret, null);
            }

            return LoginCredentials.Bad("username and password are required, as non-empty strings");
        }
    }
}
