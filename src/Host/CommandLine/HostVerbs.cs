namespace Webhooks.Modular.Host.CommandLine;

/// <summary>
/// The verbs the host knows without loading a deployment: its own, and which built-in plugin brings each plugin verb,
/// so that a verb whose plugin plugins.json does not list is answered with the plugin to add.
/// </summary>
/// <remarks>
/// A static map rather than a scan of <c>plugins/</c>: a verb's name is a property a plugin computes, not metadata,
/// so finding it without loading (and running) the plugin would need a new manifest every plugin ships; the built-in
/// plugins are known to the host at build time (Host.csproj lists them), and a third-party verb still appears in
/// <c>--help</c> as soon as its plugin is listed. A new built-in plugin verb must be added here.
/// </remarks>
internal static class HostVerbs
{
    /// <summary>Shows help for a verb: <c>help token</c>.</summary>
    public const string Help = "help";

    /// <summary>Plugin verbs of the built-in plugins, by verb.</summary>
    public static readonly IReadOnlyDictionary<string, string> PluginOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["token"] = "Auth.Bearer",
        ["user"] = "Auth.Builtin",
        ["trigger"] = "Surfaces.DagNats",
        ["credential"] = "Surfaces.Dograh",
        ["bus"] = "Bus.Nats",
    };

    /// <summary>Every verb known without loading a deployment (<c>destination</c> comes with the engine itself).</summary>
    public static readonly IReadOnlySet<string> BuiltIn =
        new HashSet<string>(PluginOf.Keys.Append(HostArguments.Serve).Append(Help).Append("destination"), StringComparer.Ordinal);
}
