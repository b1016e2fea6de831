using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.Builtin;

/// <summary>
/// The plugin's settings: how long a session lasts, how its token starts, where the login endpoint is, and how many
/// failed logins an address may have within a window before it gets 429.
/// </summary>
internal sealed class BuiltinAuthOptions
{
    public const double DefaultSessionHours = 24;
    public const string DefaultSessionPrefix = "wms_";
    public const string DefaultLoginPath = "/api/v1/auth/login";
    public const int DefaultLoginFailureLimit = 5;
    public const double DefaultLoginFailureWindowSeconds = 60;

    // A year: a session is meant to be signed in again now and then, and a longer one is most likely a typo.
    private const double MaxSessionHours = 24 * 366;

    public required TimeSpan SessionLifetime { get; init; }

    public required string SessionPrefix { get; init; }

    public required string LoginPath { get; init; }

    /// <summary>Failed logins allowed per client address within <see cref="LoginFailureWindow"/>; 0 turns the limit off.</summary>
    public int LoginFailureLimit { get; init; } = DefaultLoginFailureLimit;

    public TimeSpan LoginFailureWindow { get; init; } = TimeSpan.FromSeconds(DefaultLoginFailureWindowSeconds);

    public static BuiltinAuthOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (child.Key is not ("sessionHours" or "sessionPrefix" or "loginPath" or "loginFailures"))
            {
                throw context.Error(child.Key, "unknown setting (expected sessionHours, sessionPrefix, loginPath, loginFailures)");
            }
        }

        var hours = DefaultSessionHours;
        if (context.Settings["sessionHours"] is { } hoursText
            && (!double.TryParse(hoursText, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || !(hours > 0 && hours <= MaxSessionHours)))
        {
            throw context.Error("sessionHours", $"must be a number of hours above 0 and at most {MaxSessionHours} (got '{hoursText}')");
        }

        // The same alphabet as the bearer plugin's prefixes, so the token stays one word in a header or a shell.
        var prefix = context.Settings["sessionPrefix"] ?? DefaultSessionPrefix;
        if (prefix.Length > 32 || prefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
        {
            throw context.Error("sessionPrefix", "must be at most 32 letters, digits, '_' or '-'");
        }

        var loginPath = context.Settings["loginPath"] ?? DefaultLoginPath;
        if (!loginPath.StartsWith('/') || loginPath.Any(c => char.IsWhiteSpace(c) || c is '?' or '#' or '{' or '}'))
        {
            throw context.Error("loginPath", "must be a path starting with '/', without spaces, a query or route parameters");
        }

        try
        {
            RoutePatternFactory.Parse(loginPath);
        }
        catch (RoutePatternException ex)
        {
            throw context.Error("loginPath", $"is not a valid route: {ex.Message}");
        }

        var (failureLimit, failureWindow) = LoginFailures(context);
        return new BuiltinAuthOptions
        {
            SessionLifetime = TimeSpan.FromHours(hours),
            SessionPrefix = prefix,
            LoginPath = loginPath,
            LoginFailureLimit = failureLimit,
            LoginFailureWindow = failureWindow,
        };
    }

    private static (int Limit, TimeSpan Window) LoginFailures(PluginContext context)
    {
        var section = context.Settings.GetSection("loginFailures");
        foreach (var child in section.GetChildren())
        {
            if (child.Key is not ("limit" or "windowSeconds"))
            {
                throw context.Error($"loginFailures:{child.Key}", "unknown setting (expected limit, windowSeconds)");
            }
        }

        var limit = DefaultLoginFailureLimit;
        if (section["limit"] is { } limitText
            && (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            throw context.Error("loginFailures:limit", $"must be a whole number, 0 for no limit (got '{limitText}')");
        }

        var seconds = DefaultLoginFailureWindowSeconds;
        if (section["windowSeconds"] is { } secondsText
            && (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || !(seconds > 0 && seconds <= 86400)))
        {
            throw context.Error("loginFailures:windowSeconds", $"must be a number of seconds above 0 and at most 86400 (got '{secondsText}')");
        }

        return (limit, TimeSpan.FromSeconds(seconds));
    }
}
