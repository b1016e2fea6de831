using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Storage.Sqlite.Configuration;

/// <summary>The plugin's settings, read and validated once at start-up.</summary>
internal sealed class SqliteStorageOptions
{
    /// <summary>The database file used when <c>path</c> is not given, relative to the configuration file.</summary>
    public const string DefaultPath = "data/webhooks.db";

    /// <summary>The batch size used when <c>maxBatchSize</c> is not given.</summary>
    public const int DefaultMaxBatchSize = 256;

    // Past this a single transaction holds the writer for long enough to hurt latency more than the shared
    // fsync helps throughput.
    private const int MaxMaxBatchSize = 10_000;

    private static readonly string[] KnownKeys = ["path", "synchronous", "maxBatchSize"];

    /// <summary>The database file's full path.</summary>
    public required string Path { get; init; }

    /// <summary>How hard each commit is pushed to disk.</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>How many write operations may share one transaction and one commit.</summary>
    public int MaxBatchSize { get; init; } = DefaultMaxBatchSize;

    /// <summary>
    /// How long a connection waits for a lock held by another process (a backup, the sqlite3 shell) before
    /// giving up. Our own writes never wait on each other: they share one connection.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the options from the plugin's settings.</summary>
    /// <param name="context">The plugin's context.</param>
    /// <exception cref="PluginConfigurationException">A setting is unknown or invalid; the message names it.</exception>
    public static SqliteStorageOptions FromSettings(PluginContext context)
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

        var synchronous = SqliteSynchronousMode.Full;
        var synchronousText = settings["synchronous"];
        if (synchronousText is not null)
        {
            synchronous = synchronousText.Trim().ToUpperInvariant() switch
            {
                "FULL" => SqliteSynchronousMode.Full,
                "NORMAL" => SqliteSynchronousMode.Normal,
                _ => throw context.Error("synchronous", $"'{synchronousText}' is not allowed; use FULL or NORMAL."),
            };
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

        return new SqliteStorageOptions
        {
            Path = fullPath,
            Synchronous = synchronous,
            MaxBatchSize = maxBatchSize,
        };
    }
}
