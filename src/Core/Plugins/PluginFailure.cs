using System.Reflection;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Turns what a plugin threw into the problem part of a one-line configuration error, and finds the name a
/// mistyped plugin name was meant to be.
/// </summary>
internal static class PluginFailure
{
    /// <summary>The innermost meaningful exception as "Type: message", on one line.</summary>
    /// <param name="exception">What was thrown.</param>
    public static string Describe(Exception exception)
    {
        // Reflection and tasks wrap the plugin's own exception; its message is the one worth reading.
        while (exception is TargetInvocationException or TypeInitializationException or AggregateException { InnerExceptions.Count: 1 }
               && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        var message = string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{exception.GetType().Name}: {message}";
    }

    /// <summary>The candidate closest to <paramref name="name"/> (case-insensitive), if it is close enough to be a typo.</summary>
    /// <param name="name">What was written.</param>
    /// <param name="candidates">What exists.</param>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        // A third of the name (at least two edits) catches a dropped letter or a swapped part without
        // suggesting an unrelated plugin for a name that is simply not built in.
        var limit = Math.Max(2, name.Length / 3);
        return candidates
            .Select(candidate => (candidate, distance: Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(c => c.distance <= limit)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
