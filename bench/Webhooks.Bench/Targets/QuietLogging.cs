namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// Logging at Warning for every app the benchmark starts (targets and the delivery receiver), given the same way (command-line configuration), so neither pays for
/// console logging the other skips. The host's <c>appsettings.json</c> is copied beside the benchmark and sets
/// <c>Microsoft.Hosting.Lifetime</c> to Information, which a plain minimum level would not override.
/// </summary>
internal static class QuietLogging
{
    /// <summary>The arguments to add.</summary>
    public static readonly string[] Arguments =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",

        // Each host's throwaway key ring (for destination secrets) is unencrypted at rest, which Data Protection
        // warns about at every start; in a benchmark's temporary folder that is expected, not news.
        "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
    ];
}
