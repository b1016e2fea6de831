using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>What the overview shows; a part is <c>null</c> when the storage plugin does not provide its query.</summary>
/// <param name="Hooks">What each hook has received and run.</param>
/// <param name="Backlog">Queued runs and pending deliveries, with the oldest of each.</param>
/// <param name="Destinations">Every destination's health.</param>
public sealed record OverviewModel(IReadOnlyList<HookActivity>? Hooks, StoreBacklog? Backlog, IReadOnlyList<DestinationHealth>? Destinations);
