namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// Logging at Warning for both apps, given the same way (command-line configuration), so neither pays for
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
    ];
}
