using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.Builtin;

/// <summary>The plugin's settings: how long a session lasts, how its token starts, where the login endpoint is.</summary>
internal sealed class BuiltinAuthOptions
{
    public const double DefaultSessionHours = 24;
    public const string DefaultSessionPrefix = "wms_";
    public const string DefaultLoginPath = "/api/v1/auth/login";

    // A year: a session is meant to be signed in again now and then, and a longer one is most likely a typo.
    private const double MaxSessionHours = 24 * 366;

    public required TimeSpan SessionLifetime { get; init; }

    public required string SessionPrefix { get; init; }

    public required string LoginPath { get; init; }

    public static BuiltinAuthOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (child.Key is not ("sessionHours" or "sessionPrefix" or "loginPath"))
            {
                throw context.Error(child.Key, "unknown setting (expected sessionHours, sessionPrefix, loginPath)");
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

        return new BuiltinAuthOptions { SessionLifetime = TimeSpan.FromHours(hours), SessionPrefix = prefix, LoginPath = loginPath };
    }
}
