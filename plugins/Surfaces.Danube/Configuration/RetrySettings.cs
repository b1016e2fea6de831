using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Surfaces.Danube.Configuration;

/// <summary>
/// The <c>retry</c> setting: <c>{"kind":"exponential"}</c> (the default, optionally with its own
/// <c>scheduleSeconds</c>), <c>{"kind":"fixed","maxRetries":3,"delaySeconds":60}</c> or <c>{"kind":"none"}</c>.
/// </summary>
internal static class RetrySettings
{
    public const int MaxRetries = 100;
    public const int MaxDelaySeconds = 24 * 3600;

    private static readonly string[] Kinds = ["exponential", "fixed", "none"];

    /// <summary>The policy under <paramref name="key"/>, or the exponential default when it is absent.</summary>
    /// <param name="context">The plugin's context.</param>
    /// <param name="key">The setting's key.</param>
    public static RetryPolicy Read(PluginContext context, string key)
    {
        var section = context.Settings.GetSection(key);
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is { Length: > 0 }
                ? throw context.Error(key, "must be an object such as {\"kind\": \"exponential\"}")
                : RetryPolicy.Exponential;
        }

        var kind = section["kind"];
        if (kind is null || !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw context.Error($"{key}:kind", $"{(kind is null ? "is required" : $"'{kind}' is not a retry kind")} (expected one of: {string.Join(", ", Kinds)})");
        }

        string[] allowed = kind switch
        {
            "fixed" => ["kind", "maxRetries", "delaySeconds"],
            "exponential" => ["kind", "scheduleSeconds"],
            _ => ["kind"],
        };
        foreach (var child in children.Where(c => !allowed.Contains(c.Key, StringComparer.Ordinal)))
        {
            throw context.Error($"{key}:{child.Key}", $"not a setting of the '{kind}' retry kind (expected: {string.Join(", ", allowed)})");
        }

        return kind switch
        {
            "fixed" => RetryPolicy.Fixed(
                Whole(context, section, $"{key}:maxRetries", "maxRetries", 1, MaxRetries),
                Whole(context, section, $"{key}:delaySeconds", "delaySeconds", 1, MaxDelaySeconds)),
            "exponential" => Exponential(context, section.GetSection("scheduleSeconds"), $"{key}:scheduleSeconds"),
            _ => RetryPolicy.None,
        };
    }

    private static RetryPolicy Exponential(PluginContext context, IConfigurationSection schedule, string key)
    {
        var entries = schedule.GetChildren().ToList();
        if (entries.Count == 0)
        {
            return schedule.Value is { Length: > 0 }
                ? throw context.Error(key, "must be a list of delays in seconds, such as [5, 300, 1800]")
                : RetryPolicy.Exponential;
        }

        if (entries.Count > MaxRetries)
        {
            throw context.Error(key, $"at most {MaxRetries} delays");
        }

        var delays = entries.Select(entry => Whole(context, schedule, $"{key}:{entry.Key}", entry.Key, 0, MaxDelaySeconds)).ToArray();
        return new RetryPolicy("exponential", delays.Length, 0, delays);
    }

    private static int Whole(PluginContext context, IConfiguration section, string fullKey, string key, int min, int max) =>
        section[key] switch
        {
            null => throw context.Error(fullKey, "is required"),
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max => value,
            var text => throw context.Error(fullKey, $"'{text}' is not a whole number from {min} to {max}"),
        };
}
