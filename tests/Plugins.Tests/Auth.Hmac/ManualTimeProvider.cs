namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>A clock the test sets: timestamps and expiry are checked against it, to the second.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public static ManualTimeProvider AtUnixSeconds(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => _now;

    public void SetUnixSeconds(long seconds) => _now = DateTimeOffset.FromUnixTimeSeconds(seconds);

    public void Advance(TimeSpan by) => _now += by;
}
