namespace Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

/// <summary>A clock that moves only when a test moves it, so that leases and key expiry can be tested exactly.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private long _utcNowTicks;

    /// <summary>Starts at a fixed, millisecond-exact time (the store keeps milliseconds).</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts at <paramref name="start"/>.</summary>
    /// <param name="start">The first time the clock shows.</param>
    public FakeTimeProvider(DateTimeOffset start) => UtcNow = start;

    /// <summary>The time the clock shows.</summary>
    public DateTimeOffset UtcNow
    {
        get => new(Interlocked.Read(ref _utcNowTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcNowTicks, value.UtcTicks);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward.</summary>
    /// <param name="delta">How far.</param>
    public void Advance(TimeSpan delta) => UtcNow += delta;
}
