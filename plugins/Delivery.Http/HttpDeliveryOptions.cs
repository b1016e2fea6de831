using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Delivery.Http.Network;

namespace Webhooks.Modular.Delivery.Http;

/// <summary>The plugin's settings, validated: each bad value is reported naming its key.</summary>
internal sealed class HttpDeliveryOptions
{
    public const int DefaultTimeoutSeconds = 30;
    public const int DefaultMaxResponseExcerptBytes = 1024;
    public const string DefaultUserAgent = "Webhooks.Modular/1.0";
    private const int MaxTimeoutSeconds = 3600;
    private const int MaxExcerptBytes = 1024 * 1024;

    private static readonly string[] Keys = ["timeoutSeconds", "maxResponseExcerptBytes", "allowedNetworks", "userAgent"];

    /// <summary>How long one attempt may take, from connecting to the end of the excerpt.</summary>
    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>How many bytes of a response body are kept (0 keeps none).</summary>
    public int MaxResponseExcerptBytes { get; init; } = DefaultMaxResponseExcerptBytes;

    /// <summary>Non-public ranges deliveries may reach all the same.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>The <c>User-Agent</c> sent unless a destination's headers give one.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Reads and validates the plugin's settings.</summary>
    /// <param name="context">The plugin's context.</param>
    public static HttpDeliveryOptions FromSettings(PluginContext context)
    {
        var settings = context.Settings;
        foreach (var child in settings.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.Ordinal))
            {
                throw context.Error(child.Key, $"unknown setting (expected {string.Join(", ", Keys)})");
            }
        }

        return new HttpDeliveryOptions
        {
            TimeoutSeconds = ReadInt(context, "timeoutSeconds", DefaultTimeoutSeconds, 1, MaxTimeoutSeconds),
            MaxResponseExcerptBytes = ReadInt(context, "maxResponseExcerptBytes", DefaultMaxResponseExcerptBytes, 0, MaxExcerptBytes),
            AllowedNetworks = ReadNetworks(context),
            UserAgent = ReadUserAgent(context),
        };
    }

    private static int ReadInt(PluginContext context, string key, int fallback, int min, int max)
    {
        var section = context.Settings.GetSection(key);
        if (!section.Exists())
        {
            return fallback;
        }

        if (section.Value is not { } text
            || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw context.Error(key, $"must be a whole number from {min} to {max}");
        }

        return value;
    }

    private static IPNetwork[] ReadNetworks(PluginContext context)
    {
        var section = context.Settings.GetSection("allowedNetworks");
        if (!section.Exists())
        {
            return [];
        }

        // A list; a single string (one range, or several separated by commas) is taken as a list too.
        var entries = section.Value is { } single
            ? single.Split(',', StringSplitOptions.TrimEntries).Select((text, i) => (Key: "allowedNetworks", Text: (string?)text))
            : section.GetChildren().Select(child => (Key: $"allowedNetworks:{child.Key}", Text: child.Value));

        var networks = new List<IPNetwork>();
        foreach (var (key, text) in entries)
        {
            if (!NetworkRange.TryParse(text, out var network, out var problem))
            {
                throw context.Error(key, $"{problem}; allowedNetworks lists CIDR ranges or single addresses");
            }

            networks.Add(network);
        }

        return [.. networks];
    }

    private static string ReadUserAgent(PluginContext context)
    {
        var section = context.Settings.GetSection("userAgent");
        if (!section.Exists())
        {
            return DefaultUserAgent;
        }

        var value = section.Value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 256 || value.Any(char.IsControl))
        {
            throw context.Error("userAgent", "must be a non-empty text of at most 256 characters without control characters");
        }

        return value;
    }
}
