namespace Webhooks.Modular.Bus.Nats.Relay;

/// <summary>What the relay last saw, for the health check and the lag gauge.</summary>
internal sealed class RelayStatus
{
    private long _lagMilliseconds;
    private long _relayed;

    /// <summary>The age of the oldest committed event not yet relayed (zero when caught up).</summary>
    public TimeSpan Lag => TimeSpan.FromMilliseconds(Interlocked.Read(ref _lagMilliseconds));

    /// <summary>Events this host relayed (JetStream's duplicates included).</summary>
    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>The last error, or <c>null</c> after a success.</summary>
    public string? LastError { get; set; }

    public void SetLag(TimeSpan lag) => Interlocked.Exchange(ref _lagMilliseconds, (long)Math.Max(0, lag.TotalMilliseconds));

    public void AddRelayed(int count) => Interlocked.Add(ref _relayed, count);
}
