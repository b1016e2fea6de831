using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// A ring of <see cref="RejectionLogOptions.PerHook"/> refused requests per hook. Only hooks that exist get a ring
/// (an unknown hook's name comes from the URL, and anyone could grow the table), so memory is bounded by hooks x N.
/// </summary>
internal sealed class RejectionLog : IRejectionLog
{
    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    public RejectionLog(IOptions<RejectionLogOptions> options)
    {
        var perHook = options.Value.PerHook;
        if (perHook is < 0 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), perHook, $"{RejectionLogOptions.Section}:PerHook must be a whole number from 0 to 10000, not {perHook}");
        }

        Capacity = perHook;
    }

    public int Capacity { get; }

    public void Add(string hookName, RejectedRequest rejected)
    {
        if (Capacity == 0)
        {
            return;
        }

        _rings.GetOrAdd(hookName, static (_, capacity) => new Ring(capacity), Capacity).Add(rejected);
    }

    public IReadOnlyList<RejectedRequest> Recent(string hookName) =>
        _rings.TryGetValue(hookName, out var ring) ? ring.NewestFirst() : [];

    private sealed class Ring(int capacity)
    {
        private readonly RejectedRequest[] _items = new RejectedRequest[capacity];
        private readonly Lock _gate = new();
        private int _next;
        private int _count;

        public void Add(RejectedRequest item)
        {
            lock (_gate)
            {
                _items[_next] = item;
                _next = (_next + 1) % _items.Length;
                _count = Math.Min(_count + 1, _items.Length);
            }
        }

        public RejectedRequest[] NewestFirst()
        {
            lock (_gate)
            {
                var result = new RejectedRequest[_count];
                for (var i = 0; i < _count; i++)
                {
                    result[i] = _items[(_next - 1 - i + _items.Length) % _items.Length];
                }

                return result;
            }
        }
    }
}
