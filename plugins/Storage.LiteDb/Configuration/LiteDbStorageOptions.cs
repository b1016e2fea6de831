using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Storage.LiteDb.Configuration;

/// <summary>The plugin's settings, read and validated once at start-up.</summary>
internal sealed class LiteDbStorageOptions
{
    /// <summary>The database file used when <c>path</c> is not given, relative to the configuration file.</summary>
    public const string DefaultPath = "data/webhooks.litedb";

    /// <summary>The batch size used when <c>maxBatchSize</c> is not given.</summary>
    public const int DefaultMaxBatchSize = 256;

    // Past this one transaction holds the writer (and LiteDB's collection locks) long enough to hurt latency more
    // than the shared disk sync helps throughput.
    private const int MaxMaxBatchSize = 10_000;

    private static readonly string[] KnownKeys = ["path", "maxBatchSize"];

    /// <summary>The database file's full path.</summary>
    public required string Path { get; init; }

    /// <summary>How many write operations may share one transaction and one disk sync.</summary>
    public int MaxBatchSize { get; init; } = DefaultMaxBatchSize;

    /// <summary>The log file LiteDB keeps beside the database: <c>name-log.ext</c>, as LiteDB itself names it.</summary>
    public string LogPath =>
        System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(Path) ?? string.Empty,
            System.IO.Path.GetFileNameWithoutExtension(Path) + "-log" + System.IO.Path.GetExtension(Path));

    /// <summary>Reads the options from the plugin's settings.</summary>
    /// <param name="context">The plugin's context.</param>
    /// <exception cref="PluginConfigurationException">A setting is unknown or invalid; the message names it.</exception>
    public static LiteDbStorageOptions FromSettings(PluginContext context)
    {
        var settings = context.Settings;

        // A misspelt key would otherwise be silently ignored and the default used, e.g. a database written
        // somewhere other than where the operator expects.
        foreach (var child in settings.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw context.Error(child.Key, $"unknown setting; known settings are {string.Join(", ", KnownKeys)}.");
            }
        }

        var path = settings["path"];
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            throw context.Error("path", "must be a file path, not empty.");
        }

        string fullPath;
        try
        {
            fullPath = context.ResolvePath(path ?? DefaultPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw context.Error("path", $"'{path}' is not a valid file path: {e.Message}");
        }

        var maxBatchSize = DefaultMaxBatchSize;
        var maxBatchSizeText = settings["maxBatchSize"];
        if (maxBatchSizeText is not null)
        {
            if (!int.TryParse(maxBatchSizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxBatchSize)
                || maxBatchSize < 1
                || maxBatchSize > MaxMaxBatchSize)
            {
                throw context.Error("maxBatchSize", $"'{maxBatchSizeText}' is not a whole number from 1 to {MaxMaxBatchSize}.");
            }
        }

        return new LiteDbStorageOptions { Path = fullPath, MaxBatchSize = maxBatchSize };
    }
}
