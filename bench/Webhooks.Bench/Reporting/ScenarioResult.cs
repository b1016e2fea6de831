using Webhooks.Modular.Bench.Load;

namespace Webhooks.Modular.Bench.Reporting;

/// <summary>One scenario's load figures, whether its stored data matched what was acknowledged, and notes for the report.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Load">The load figures.</param>
/// <param name="Verified">Whether the database held exactly what the host acknowledged (always true where nothing is stored).</param>
/// <param name="Notes">Extra lines: commits, verification, drain time.</param>
/// <param name="Delivery">What the receiver saw, in the delivery scenarios; <c>null</c> elsewhere.</param>
internal sealed record ScenarioResult(string Name, LoadResult Load, bool Verified, IReadOnlyList<string> Notes, DeliveryFigures? Delivery = null)
{
    /// <summary>Whether the scenario failed: errors, unverified storage, or deliveries that never arrived.</summary>
    public bool Failed => Load.Errors > 0 || !Verified || Delivery is { Lost: > 0 };
}
