using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Events;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>A destination with its event-type patterns parsed once.</summary>
/// <param name="Record">The destination as stored.</param>
/// <param name="Patterns">Its event types as subject patterns.</param>
internal sealed record CompiledDestination(DestinationRecord Record, IReadOnlyList<SubjectPattern> Patterns)
{
    /// <summary>Whether an event of <paramref name="subject"/> from <paramref name="hookName"/> is for this destination.</summary>
    public bool Wants(string subject, string? hookName) =>
        Record.IsActive
        && (Record.HookName is null || string.Equals(Record.HookName, hookName, StringComparison.Ordinal))
        && Patterns.Any(p => p.Matches(subject));

    public static CompiledDestination From(DestinationRecord record) =>
        new(record, record.EventTypes.Select(t => SubjectPattern.TryParse(t, allowWildcards: true, out _)).OfType<SubjectPattern>().ToArray());
}
