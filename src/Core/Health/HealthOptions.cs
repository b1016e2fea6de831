namespace Webhooks.Modular.Core.Health;

/// <summary>
/// The health endpoints, from the app's configuration section <c>Webhooks:Health</c> (<c>appsettings.json</c>,
/// <c>Webhooks__Health__ReadyPath</c>, <c>--Webhooks:Health:Enabled=false</c>).
/// </summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks:Health";

    /// <summary>Maps the endpoints; <c>false</c> leaves both unmapped (a deployment that probes otherwise).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Answers 200 while the process runs; checks nothing else. Empty to leave it unmapped.</summary>
    public string? LivePath { get; set; } = "/healthz";

    /// <summary>Answers 200 when every check passes (store, key ring, workers, plugins' checks), 503 otherwise. Empty to leave it unmapped.</summary>
    public string? ReadyPath { get; set; } = "/readyz";
}
