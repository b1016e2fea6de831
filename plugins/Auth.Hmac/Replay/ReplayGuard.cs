namespace Webhooks.Modular.Auth.Hmac.Replay;

/// <summary>
/// Remembers message ids already verified until a replay of them could no longer pass the timestamp check. Bounded:
/// past <see cref="Capacity"/> ids the oldest is forgotten first, so a sender that outpaces it weakens replay
/// detection for its oldest messages instead of growing the host's memory. Only genuine (verified) requests are
/// recorded, so nobody without a secret can fill it. Held in memory: it is per host process and lost on restart.
/// </summary>
internal sealed class ReplayGuard
{
    private readonly Dictionary<string, long> _seenUntil = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long Until)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Creates the guard.</summary>
    /// <param name="capacity">The most ids remembered at once.</param>
    public ReplayGuard(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most ids remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>How many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seenUntil.Count;
            }
        }
    }

    /// <summary>
    /// Records <paramref name="id"/> as seen until <paramref name="untilSeconds"/>; <c>false</c> when it was already
    /// seen and is still remembered, which makes this request a replay. Check and record are one step, so two
    /// concurrent copies of a message cannot both pass.
    /// </summary>
    /// <param name="id">The message id.</param>
    /// <param name="untilSeconds">The last Unix second at which a replay of it could still pass the timestamp check.</param>
    /// <param name="nowSeconds">The current Unix second.</param>
    public bool TryRecord(string id, long untilSeconds, long nowSeconds)
    {
        lock (_gate)
        {
            ForgetExpired(nowSeconds);
            if (_seenUntil.TryGetValue(id, out var until) && until >= nowSeconds)
            {
                return false;
            }

            while (_order.Count >= Capacity)
            {
                ForgetOldest();
            }

            _seenUntil[id] = untilSeconds;
            _order.Enqueue((id, untilSeconds));
            return true;
        }
    }

    private void ForgetExpired(long nowSeconds)
    {
        // Expiry times are not strictly in recording order (they follow the signed timestamps), so an expired id
        // may wait behind a live one; it is dropped when it reaches the front, and the capacity bounds the wait.
        while (_order.TryPeek(out var oldest) && oldest.Until < nowSeconds)
        {
            ForgetOldest();
        }
    }

    private void ForgetOldest()
    {
        var (id, until) = _order.Dequeue();

        // An id recorded again after it expired has a newer entry further back; only its latest entry removes it.
        if (_seenUntil.TryGetValue(id, out var latest) && latest == until)
        {
            _seenUntil.Remove(id);
        }
    }
}
