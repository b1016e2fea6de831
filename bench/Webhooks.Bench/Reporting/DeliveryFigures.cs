namespace Webhooks.Modular.Bench.Reporting;

/// <summary>What the receiver saw in a delivery scenario, against what the host accepted.</summary>
/// <param name="PerDestinationConcurrency">The worker's limit for the one destination, on each host.</param>
/// <param name="Accepted">Webhooks the host answered 200, warm-up included: each one owes one delivery.</param>
/// <param name="LoadTime">From the first request to the last answer, warm-up included.</param>
/// <param name="ReceivedDuringLoad">Distinct deliveries received by the end of the load.</param>
/// <param name="Received">Distinct deliveries received in all (<c>webhook-id</c> values).</param>
/// <param name="Requests">Requests the receiver got, duplicates included.</param>
/// <param name="Duplicates">Requests whose <c>webhook-id</c> had already arrived.</param>
/// <param name="Drain">From the end of the load to the last new delivery; <c>null</c> when not all arrived before the deadline.</param>
/// <param name="Overall">From the first request to the last new delivery.</param>
/// <param name="Hosts">How many hosts accepted and delivered (each with its own delivery worker).</param>
internal sealed record DeliveryFigures(
    int PerDestinationConcurrency,
    long Accepted,
    TimeSpan LoadTime,
    long ReceivedDuringLoad,
    long Received,
    long Requests,
    long Duplicates,
    TimeSpan? Drain,
    TimeSpan Overall,
    int Hosts = 1)
{
    /// <summary>Accepted webhooks whose delivery never arrived.</summary>
    public long Lost => Math.Max(0, Accepted - Received);

    /// <summary>Deliveries owed when the load ended.</summary>
    public long Backlog => Accepted - ReceivedDuringLoad;

    /// <summary>Deliveries per second while the host was also accepting.</summary>
    public double DuringLoadPerSecond => ReceivedDuringLoad / Math.Max(LoadTime.TotalSeconds, 0.001);

    /// <summary>Deliveries per second after the load, with nothing else to do; NaN when there was no backlog or no drain.</summary>
    public double DrainPerSecond => Drain is { } drain && Backlog > 0 ? Backlog / Math.Max(drain.TotalSeconds, 0.001) : double.NaN;

    /// <summary>All deliveries over the whole scenario, from the first request to the last new delivery.</summary>
    public double OverallPerSecond => Received / Math.Max(Overall.TotalSeconds, 0.001);
}
