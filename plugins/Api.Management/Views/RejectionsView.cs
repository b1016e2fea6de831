using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A hook's latest refused requests, from this host's in-memory ring.</summary>
/// <param name="Hook">The hook.</param>
/// <param name="Capacity">How many the ring keeps per hook (older ones are gone).</param>
/// <param name="Items">The refused requests, newest first: time, address, status, reason and header names, never a value or the body.</param>
internal sealed record RejectionsView(string Hook, int Capacity, IReadOnlyList<RejectedRequest> Items);
