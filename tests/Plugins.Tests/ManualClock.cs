namespace Webhooks.Modular.Plugins.Tests;

/// <summary>A clock the test sets and moves by hand: timestamps and expiry are checked against it.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset UtcNow { get; private set; } = start;

    public static ManualClock AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void SetUnixSeconds(long seconds) => UtcNow = DateTimeOffset.FromUnixTimeSeconds(seconds);

    public void Advance(TimeSpan by) => UtcNow += by;
}
