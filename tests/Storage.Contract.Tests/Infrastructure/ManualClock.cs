namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// The stores' clock: it shows the time a test sets and moves only when the test moves it, from any thread, so
/// that leases and expiry are tested exactly. Only the wall clock is manual; timers and timestamps stay real, so a
/// store that waits (a reconnect delay, a poll) still wakes.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    /// <summary>Starts at a fixed time with whole milliseconds, the precision every store keeps.</summary>
    public ManualClock()
        : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts at <paramref name="start"/>.</summary>
    /// <param name="start">The first time shown.</param>
    public ManualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    /// <summary>The time shown.</summary>
    public DateTimeOffset UtcNow => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward (or back, for a negative <paramref name="delta"/>).</summary>
    /// <param name="delta">How far.</param>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);
}
