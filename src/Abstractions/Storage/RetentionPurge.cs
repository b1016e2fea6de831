namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>One batch of a retention purge (see <see cref="IStoreRetention"/>).</summary>
/// <param name="Kind">What to delete.</param>
/// <param name="Before">The cut-off: only rows older than this go.</param>
/// <param name="Max">How many rows at most (a small batch).</param>
public sealed record RetentionPurge(RetentionKind Kind, DateTimeOffset Before, int Max)
{
    /// <summary>Only rows of this hook (a delivery belongs to its event's hook); <c>null</c> for every hook but <see cref="ExceptHooks"/>.</summary>
    public string? HookName { get; init; }

    /// <summary>Hooks left out (they have windows of their own); applies when <see cref="HookName"/> is <c>null</c>.</summary>
    public IReadOnlyList<string> ExceptHooks { get; init; } = [];
}
