using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>One event with its headers (credentials redacted), its raw body, and the runs and deliveries it started.</summary>
/// <param name="Event">The stored event.</param>
/// <param name="Headers">Its headers, credentials redacted.</param>
/// <param name="Body">The body as UTF-8 text, or <c>null</c> when it is not UTF-8.</param>
/// <param name="Runs">Its runs (<c>null</c>: the storage cannot list them).</param>
/// <param name="Deliveries">Its deliveries (<c>null</c>: the storage cannot list them).</param>
public sealed record EventModel(
    WebhookEvent Event, IReadOnlyDictionary<string, string[]> Headers, string? Body, IReadOnlyList<RunRecord>? Runs, IReadOnlyList<DeliveryRecord>? Deliveries);
