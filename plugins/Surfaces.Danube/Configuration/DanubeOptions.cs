using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Danube.Auth;
using Webhooks.Modular.Surfaces.Danube.Events;

namespace Webhooks.Modular.Surfaces.Danube.Configuration;

/// <summary>The plugin's settings, read and checked at start-up.</summary>
/// <param name="Events">The event-type catalogue.</param>
/// <param name="AllowHttp">Whether subscription urls may be <c>http://</c> (local development); otherwise only <c>https://</c>.</param>
/// <param name="ApiKeys">The API keys accepted besides builtin sessions (digests only).</param>
/// <param name="RotationGrace">How long a rotated-out secret keeps signing.</param>
/// <param name="Retry">The retry policy of new subscriptions.</param>
internal sealed partial record DanubeOptions(EventCatalog Events, bool AllowHttp, ApiKeyRing ApiKeys, TimeSpan RotationGrace, RetryPolicy Retry)
{
    public const double DefaultRotationGraceHours = 24;
    public const double MaxRotationGraceHours = 24 * 365;
    public const int MinApiKeyLength = 16;

    private static readonly string[] Keys = ["events", "allowHttp", "apiKeys", "rotationGraceHours", "retry"];

    /// <summary>Reads and checks the settings; every error names the offending key.</summary>
    /// <param name="context">The plugin's context.</param>
    public static DanubeOptions FromSettings(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var child in context.Settings.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.Ordinal)))
        {
            throw context.Error(child.Key, $"unknown setting (expected one of: {string.Join(", ", Keys)})");
        }

        return new DanubeOptions(
            new EventCatalog(ReadEvents(context)),
            ReadAllowHttp(context),
            new ApiKeyRing(ReadApiKeys(context)),
            ReadRotationGrace(context),
            RetrySettings.Read(context, "retry"));
    }

    private static List<string> ReadEvents(PluginContext context)
    {
        var section = context.Settings.GetSection("events");
        var entries = section.GetChildren().ToList();
        if (entries.Count == 0)
        {
            throw section.Value is { Length: > 0 }
                ? context.Error("events", "must be a list of event types, such as [\"workflow.completed\"]")
                : context.Error("events", "is required: list the event types subscribers may choose from");
        }

        var types = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            var key = $"events:{entry.Key}";
            if (entry.Value is not { } type || entry.GetChildren().Any())
            {
                throw context.Error(key, "must be a string");
            }

            if (type.Length > 256 || !EventType().IsMatch(type))
            {
                throw context.Error(key, $"'{type}' is not an event type: dot-separated words of letters, digits, '-' and '_', at most 256 characters");
            }

            if (types.Contains(type, StringComparer.Ordinal))
            {
                throw context.Error(key, $"'{type}' is listed more than once");
            }

            types.Add(type);
        }

        return types;
    }

    private static bool ReadAllowHttp(PluginContext context) =>
        context.Settings["allowHttp"] switch
        {
            null => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw context.Error("allowHttp", $"'{text}' is not true or false"),
        };

    private static List<byte[]> ReadApiKeys(PluginContext context)
    {
        var section = context.Settings.GetSection("apiKeys");
        var entries = section.GetChildren().ToList();
        if (entries.Count == 0 && section.Value is { Length: > 0 })
        {
            throw context.Error("apiKeys", "must be a list of secret references, such as [\"env:DANUBE_API_KEY\"]");
        }

        var digests = new List<byte[]>(entries.Count);
        foreach (var entry in entries)
        {
            var key = $"apiKeys:{entry.Key}";
            if (entry.Value is not { Length: > 0 } reference || entry.GetChildren().Any())
            {
                throw context.Error(key, "must be a secret reference (env:NAME or file:path)");
            }

            // A key written in plugins.json would sit in every copy of it: only references are taken.
            if (!reference.StartsWith("env:", StringComparison.Ordinal) && !reference.StartsWith("file:", StringComparison.Ordinal))
            {
                throw context.Error(key, "must be a secret reference (env:NAME or file:path), not the key itself");
            }

            var secret = SecretReference.Resolve(reference, context.BaseDirectory, message => context.Error(key, message));
            if (secret.Length < MinApiKeyLength)
            {
                throw context.Error(key, $"the key must be at least {MinApiKeyLength} characters");
            }

            digests.Add(ApiKeyRing.Digest(secret));
        }

        return digests;
    }

    private static TimeSpan ReadRotationGrace(PluginContext context)
    {
        if (context.Settings["rotationGraceHours"] is not { } text)
        {
            return TimeSpan.FromHours(DefaultRotationGraceHours);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours >= 0 && hours <= MaxRotationGraceHours
            ? TimeSpan.FromHours(hours)
            : throw context.Error("rotationGraceHours", $"'{text}' is not a number of hours from 0 to {MaxRotationGraceHours}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex EventType();
}
