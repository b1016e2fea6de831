using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Housekeeping;

/// <summary>
/// The <c>retention</c> section of <c>plugins.json</c>: how long events (with their raw bodies), runs and deliveries
/// (with their attempts) are kept by default, and how many rows one purge batch deletes. Idempotency keys keep
/// their own per-hook window (<c>idempotency.retentionHours</c>).
/// </summary>
internal sealed class RetentionOptions
{
    /// <summary>The default window of every kind: 30 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>The default batch: small enough that an accept queued behind it waits milliseconds.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>The windows that apply to every hook without its own.</summary>
    public RetentionWindows Defaults { get; init; } = new(DefaultWindow, DefaultWindow, DefaultWindow);

    /// <summary>Rows per purge batch (one short write transaction each).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Reads the section (absent: the defaults).</summary>
    /// <param name="section">The <c>retention</c> section, or <c>null</c>.</param>
    /// <param name="file">The deployment file, for errors.</param>
    public static RetentionOptions Bind(IConfigurationSection? section, string file)
    {
        if (section is null || !section.Exists())
        {
            return new RetentionOptions();
        }

        Exception Error(string key, string message) => new PluginConfigurationException(file, "host", $"retention:{key}", message);
        var windows = RetentionWindows.Read(section, Error, "batchSize")!;
        var batchSize = DefaultBatchSize;
        if (section["batchSize"] is { } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out batchSize) || batchSize is < 1 or > 100_000))
        {
            throw Error("batchSize", $"'{text}' is not a whole number from 1 to 100000");
        }

        return new RetentionOptions
        {
            Defaults = new RetentionWindows(windows.Events ?? DefaultWindow, windows.Runs ?? DefaultWindow, windows.Deliveries ?? DefaultWindow),
            BatchSize = batchSize,
        };
    }
}
