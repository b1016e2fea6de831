namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>The waiting work of one hook or destination in a <see cref="StoreBacklog"/>.</summary>
/// <param name="Key">The hook's name (runs) or the destination's id (deliveries).</param>
/// <param name="Count">How many wait (at least one).</param>
/// <param name="OldestCreatedAt">When the oldest of them was created.</param>
public sealed record BacklogGroup(string Key, long Count, DateTimeOffset OldestCreatedAt);
