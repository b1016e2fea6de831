using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Housekeeping;

/// <summary>
/// How long each kind of history is kept: the host's <c>retention</c> section, or a hook's own <c>retention</c>
/// block. A window of zero keeps that kind for ever; <c>null</c> (a hook's block without that key) takes the host's.
/// </summary>
internal sealed record RetentionWindows(TimeSpan? Events, TimeSpan? Runs, TimeSpan? Deliveries)
{
    /// <summary>The keys of a <c>retention</c> block, in days.</summary>
    public static readonly string[] Keys = ["eventsDays", "runsDays", "deliveriesDays"];

    /// <summary>The window of <paramref name="kind"/>, or <c>null</c> when not set here.</summary>
    public TimeSpan? For(RetentionKind kind) => kind switch
    {
        RetentionKind.Events => Events,
        RetentionKind.Runs => Runs,
        RetentionKind.Deliveries => Deliveries,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown retention kind"),
    };

    /// <summary>Reads a <c>retention</c> block; <c>null</c> when it is absent.</summary>
    /// <param name="section">The block.</param>
    /// <param name="error">Makes the exception for a bad key (its sub-key under the block, the problem).</param>
    /// <param name="otherKeys">Further keys the caller reads itself.</param>
    public static RetentionWindows? Read(IConfigurationSection section, Func<string, string, Exception> error, params string[] otherKeys)
    {
        if (!section.Exists())
        {
            return null;
        }

        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase) && !otherKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw error(child.Key, $"unknown key (expected one of: {string.Join(", ", [.. Keys, .. otherKeys])})");
            }
        }

        return new RetentionWindows(Days(section, "eventsDays", error), Days(section, "runsDays", error), Days(section, "deliveriesDays", error));
    }

    private static TimeSpan? Days(IConfigurationSection section, string key, Func<string, string, Exception> error)
    {
        if (section[key] is not { } text)
        {
            return null;
        }

        // At most ten years: beyond that "keep for ever" (0) says it better, and the cut-off stays representable.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) || days < 0 || days > 3650 || double.IsNaN(days))
        {
            throw error(key, $"'{text}' is not a number of days from 0 (keep for ever) to 3650");
        }

        return TimeSpan.FromDays(days);
    }
}
