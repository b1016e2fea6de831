namespace Webhooks.Modular.Abstractions.Events;

/// <summary>The result of <see cref="IEventReplayer.ReplayAsync"/>.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Detail">Why it was not replayed, naming what was wrong.</param>
/// <param name="EventId">The new event.</param>
/// <param name="Triggered">Whether the hook's conditions held (runs and deliveries started).</param>
/// <param name="RunIds">The runs it started.</param>
/// <param name="DeliveryIds">The deliveries it started.</param>
public sealed record EventReplay(
    EventReplayStatus Status, string? Detail, Guid? EventId, bool Triggered, IReadOnlyList<string> RunIds, IReadOnlyList<string> DeliveryIds);
