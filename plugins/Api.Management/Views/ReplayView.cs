namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A replay accepted: the delivery is pending again and the worker sends it.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Status">Its status now: <c>pending</c>.</param>
internal sealed record ReplayView(string DeliveryId, string Status);
