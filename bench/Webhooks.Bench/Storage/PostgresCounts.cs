namespace Webhooks.Modular.Bench.Storage;

/// <summary>What a <c>pg-*</c> scenario's schema holds once its hosts have stopped.</summary>
/// <param name="Runs">Inbound events and runs by status (no finishing times: run workers are off).</param>
/// <param name="Deliveries">The outbox by status, and its attempts.</param>
/// <param name="EventsWithoutOneRun">Inbound events with no run, or more than one (0 expected: the demo hook has one action).</param>
/// <param name="EventsWithoutOneDelivery">Inbound events with no delivery, or more than one (0 expected: one destination).</param>
/// <param name="Claims">Leases taken on deliveries in all (each claim raises a delivery's <c>lease_token</c> by one).</param>
/// <param name="ClaimedMoreThanOnce">
/// Deliveries whose lease was taken more than once: a retry, a lease that expired and was claimed again, or a
/// delivery the worker claimed beyond the destination's limit and gave back unattempted.
/// </param>
/// <param name="DeliveryRowUpdates">
/// Row updates of <c>deliveries</c> in PostgreSQL's statistics (<c>pg_stat_user_tables.n_tup_upd</c>): claims, give-backs,
/// recorded attempts.
/// </param>
internal sealed record PostgresCounts(
    RunCounts Runs,
    DeliveryCounts Deliveries,
    long EventsWithoutOneRun,
    long EventsWithoutOneDelivery,
    long Claims,
    long ClaimedMoreThanOnce,
    long DeliveryRowUpdates);
