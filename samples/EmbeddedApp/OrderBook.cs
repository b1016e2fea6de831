using System.Collections.Concurrent;

namespace Webhooks.Modular.Samples.EmbeddedApp;

/// <summary>The app's own state: orders recorded from accepted webhooks.</summary>
public sealed class OrderBook
{
    private readonly ConcurrentQueue<Order> _orders = new();

    public IReadOnlyCollection<Order> All => _orders.ToArray();

    public void Add(Order order) => _orders.Enqueue(order);
}
