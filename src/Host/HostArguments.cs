namespace Webhooks.Modular.Host;

/// <summary>The host's own arguments; everything else goes to ASP.NET Core (so <c>--urls</c> works as usual).</summary>
/// <param name="ConfigPath">The deployment file: <c>--config &lt;path&gt;</c>, default <c>plugins.json</c> in the current folder.</param>
/// <param name="Rest">The remaining arguments.</param>
/// <param name="Command">A verb (<c>token create ...</c>) when the first argument is not an option; null to serve.</param>
/// <param name="CommandArguments">The arguments after the verb.</param>
internal sealed record HostArguments(string ConfigPath, string[] Rest, string? Command = null, string[]? CommandArguments = null)
{
    public static HostArguments Parse(string[] args)
    {
        // "<verb> [args] [--config path]": the verb's own arguments are everything but --config.
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            var options = ParseOptions(args[1..]);
            return options with { Command = args[0], CommandArguments = options.Rest, Rest = [] };
        }

        return ParseOptions(args);
    }

    private static HostArguments ParseOptions(string[] args)
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
