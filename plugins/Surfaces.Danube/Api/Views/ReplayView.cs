namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>The replay answer (202).</summary>
/// <param name="Id">The delivery, whose id stays the same.</param>
/// <param name="Status">Always <c>pending</c>.</param>
internal sealed record ReplayView(string Id, string Status);
