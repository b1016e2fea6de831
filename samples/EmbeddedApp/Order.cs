namespace Webhooks.Modular.Samples.EmbeddedApp;

/// <summary>An order as the app keeps it, with the webhook request that brought it.</summary>
/// <param name="Id">The order id from the payload.</param>
/// <param name="Amount">The amount from the payload.</param>
/// <param name="RequestId">The inbound webhook request.</param>
public sealed record Order(string Id, decimal Amount, string RequestId);
