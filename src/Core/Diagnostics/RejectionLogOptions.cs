namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// The in-memory ring of refused requests, from the app's configuration section <c>Webhooks:Rejections</c>
/// (<c>--Webhooks:Rejections:PerHook=500</c>, <c>Webhooks__Rejections__PerHook=500</c>).
/// </summary>
public sealed class RejectionLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks:Rejections";

    /// <summary>How many refused requests are kept per hook (1 to 10000; 0 keeps none).</summary>
    public int PerHook { get; set; } = 100;
}
