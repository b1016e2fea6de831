namespace Webhooks.Modular.Api.Management.Views;

/// <summary>What a search found: events (by id, request id, or payload text), runs (by id or request id), deliveries (by id).</summary>
/// <param name="Query">What was searched for.</param>
/// <param name="Events">Matching events, newest first.</param>
/// <param name="Runs">Matching runs, newest first.</param>
/// <param name="Deliveries">Matching deliveries.</param>
/// <param name="PayloadSearched">Whether payloads were searched (false when the storage plugin cannot).</param>
internal sealed record SearchView(
    string Query, IReadOnlyList<EventSummaryView> Events, IReadOnlyList<RunView> Runs, IReadOnlyList<DeliveryView> Deliveries, bool PayloadSearched);
