using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Auth.Builtin.Diagnostics;

/// <summary>The plugin's log messages, with stable event ids. None carries a password, a hash or a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "User {Username} ({UserId}) signed in; session {TokenPrefix}… expires at {ExpiresAt:O}")]
    public static partial void SignedIn(ILogger logger, string username, string userId, string tokenPrefix, DateTimeOffset expiresAt);

    // The name is left out: an unknown "name" is often a password typed into the wrong field.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Sign-in refused: unknown username")]
    public static partial void UnknownUser(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Sign-in refused: wrong password for user {Username} ({UserId})")]
    public static partial void WrongPassword(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Created the first admin, {Username}, from WEBHOOKS_ADMIN_USERNAME and WEBHOOKS_ADMIN_PASSWORD")]
    public static partial void FirstAdminCreated(ILogger logger, string username);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "No users exist, so nobody can sign in to the management APIs. Set WEBHOOKS_ADMIN_USERNAME and WEBHOOKS_ADMIN_PASSWORD and restart to create an admin, or run: user create --username NAME --role admin --password-env VAR")]
    public static partial void NoUsers(ILogger logger);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "No users exist and {Missing} is not set (both WEBHOOKS_ADMIN_USERNAME and WEBHOOKS_ADMIN_PASSWORD are needed); no admin was created")]
    public static partial void FirstAdminIncomplete(ILogger logger, string missing);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "The first admin was not created: {Problem}")]
    public static partial void FirstAdminRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "The first admin {Username} was created meanwhile by another process")]
    public static partial void FirstAdminExists(ILogger logger, string username);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "{Limit} failed sign-ins from {Address} within {Window}; that address gets 429 until the window ends")]
    public static partial void LoginFailureLimitReached(ILogger logger, int limit, string address, TimeSpan window);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Debug, Message = "Sign-in from {Address} refused with 429 (too many failed sign-ins)")]
    public static partial void LoginFailureLimitRefused(ILogger logger, string address);
}
