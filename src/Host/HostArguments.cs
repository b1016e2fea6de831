using Webhooks.Modular.Host.CommandLine;

namespace Webhooks.Modular.Host;

/// <summary>
/// The host's command line split into what ASP.NET Core takes (<c>--urls</c>, <c>--Key=value</c> overrides), the
/// deployment file, and a verb with its own arguments. The verb may come before or after <c>--config</c> and the
/// overrides; the first word that is not an option or an option's value is the verb.
/// </summary>
/// <param name="ConfigPath">The deployment file: <c>--config &lt;path&gt;</c>, default <c>plugins.json</c> in the current folder.</param>
/// <param name="Rest">The arguments for ASP.NET Core: everything but the verb, its arguments, <c>--config</c> and the help and version flags.</param>
/// <param name="Command">The verb (<c>token</c>, <c>serve</c>, <c>help</c>); null when none was given (serve).</param>
/// <param name="CommandArguments">The arguments after the verb, without <c>--config</c>.</param>
internal sealed record HostArguments(string ConfigPath, string[] Rest, string? Command = null, string[]? CommandArguments = null)
{
    /// <summary>The verb that runs when none is given.</summary>
    public const string Serve = "serve";

    /// <summary>The flags that print and exit; they take no value.</summary>
    public static readonly IReadOnlySet<string> HelpFlags = new HashSet<string>(StringComparer.Ordinal) { "--help", "-h", "-?" };

    /// <summary>Prints the version and exits.</summary>
    public const string VersionFlag = "--version";

    /// <summary><c>--help</c>, <c>-h</c> or <c>-?</c> came before the verb (or without one).</summary>
    public bool Help { get; init; }

    /// <summary><c>--version</c> came before the verb (or without one).</summary>
    public bool Version { get; init; }

    /// <summary>Whether this command line starts the server.</summary>
    public bool Serves => !Help && !Version
        && (Command is null || (Command == Serve && !CommandArguments!.Any(a => HelpFlags.Contains(a) || a == VersionFlag)));

    /// <summary>Splits <paramref name="args"/>.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="verbs">Words known to be verbs: never taken as the value of an unknown <c>--Key</c> before them.</param>
    public static HostArguments Parse(string[] args, IReadOnlySet<string>? verbs = null)
    {
        var config = "plugins.json";
        var rest = new List<string>();
        var help = false;
        var version = false;
        string? command = null;
        var commandArguments = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--config")
            {
                config = i + 1 < args.Length && !args[i + 1].StartsWith('-') ? args[++i] : throw new ArgumentException("--config needs a path, such as --config plugins.json");
            }
            else if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                config = arg["--config=".Length..];
                if (config.Length == 0)
                {
                    throw new ArgumentException("--config needs a path, such as --config plugins.json");
                }
            }
            else if (command is not null)
            {
                commandArguments.Add(arg);
            }
            else if (HelpFlags.Contains(arg))
            {
                help = true;
            }
            else if (arg == VersionFlag)
            {
                version = true;
            }
            else if (!arg.StartsWith('-'))
            {
                command = arg;
            }
            else
            {
                rest.Add(arg);
                // ASP.NET Core reads "--Key value" as well as "--Key=value": the next word is the value, unless it is a
                // verb (a verb after a stray switch must not vanish into configuration and start the server instead).
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith('-')
                    && !(verbs ?? HostVerbs.BuiltIn).Contains(args[i + 1]))
                {
                    rest.Add(args[++i]);
                }
            }
        }

        if (command == Serve)
        {
            // serve's own arguments are ASP.NET Core's too: "serve --urls http://0.0.0.0:8080".
            rest.AddRange(commandArguments);
        }

        return new HostArguments(config, [.. rest], command, command is null ? null : [.. commandArguments]) { Help = help, Version = version };
    }
}
