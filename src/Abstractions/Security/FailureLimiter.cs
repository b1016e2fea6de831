using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Webhooks.Modular.Abstractions.Security;

/// <summary>
/// Slows down guessing: counts failures (a wrong signature, a wrong password) per key, such as a hook and a client
/// address, and once a key has failed <see cref="Limit"/> times within a window, refuses it until that window ends.
/// Only failures spend the budget, so a genuine caller, whose requests succeed, is never refused. Built on the
/// partitioned fixed-window limiter of <c>System.Threading.RateLimiting</c> (part of the ASP.NET Core shared
/// framework); an idle key's partition is dropped by the limiter, so memory follows the keys that fail.
/// </summary>
public sealed class FailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    /// <summary>Creates a limiter; a <paramref name="limit"/> of 0 turns it off.</summary>
    /// <param name="limit">Failures a key may have within one window; the next request of that key is refused.</param>
    /// <param name="window">The window; a refused key is served again once it ends.</param>
    public FailureLimiter(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Limit = limit;
        Window = window;
        if (limit > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    /// <summary>Failures a key may have within one window (0: the limiter is off).</summary>
    public int Limit { get; }

    /// <summary>The window failures are counted in.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// A key for a client address: IPv4 addresses (also when mapped into IPv6) as they are, IPv6 addresses by their
    /// /64 network, since one client is usually given a whole /64 and could otherwise change address at every guess.
    /// </summary>
    /// <param name="address">The client's address; <c>null</c> (not a network connection) is a key of its own.</param>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "-";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>Whether <paramref name="key"/> has used up its failures in the current window; spends nothing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="retryAfter">When refused: how long until the window ends, at most (for <c>Retry-After</c>).</param>
    public bool IsBlocked(string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return false;
        }

        // Asking for 0 permits tells whether any is left without taking one.
        using var lease = _limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return false;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return true;
    }

    /// <summary>Counts one failure of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><c>true</c> when this failure used up the key's budget: it is refused from now until the window ends.</returns>
    public bool RecordFailure(string key)
    {
        if (_limiter is null)
        {
            return false;
        }

        // A permit is never given back (a fixed window only replenishes): the failure stays counted for the window.
        using var lease = _limiter.AttemptAcquire(key, 1);
        return lease.IsAcquired && IsBlocked(key, out _);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();
}
