namespace Webhooks.Modular.Host;

/// <summary>The host's own arguments; everything else goes to ASP.NET Core (so <c>--urls</c> works as usual).</summary>
/// <param name="ConfigPath">The deployment file: <c>--config &lt;path&gt;</c>, default <c>plugins.json</c> in the current folder.</param>
/// <param name="Rest">The remaining arguments.</param>
internal sealed record HostArguments(string ConfigPath, string[] Rest)
{
    public static HostArguments Parse(string[] args)
    {
        var config = "plugins.json";
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                config = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--config needs a path");
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                config = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return new HostArguments(config, [.. rest]);
    }
}
