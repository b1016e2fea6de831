using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Host.CommandLine;

/// <summary>
/// Everything but serving: <c>--help</c>, <c>--version</c>, <c>help &lt;verb&gt;</c> and the plugins' verbs, run
/// against the deployment's services without starting the server. System.CommandLine describes and checks the verbs;
/// <see cref="HostArguments"/> has already taken out what belongs to ASP.NET Core, so overrides may come anywhere.
/// </summary>
internal static class HostCommandLine
{
    private const string Executable = "Webhooks.Modular.Host";

    public static async Task<int> RunAsync(HostArguments arguments, TextWriter output, TextWriter error, bool isTerminal)
    {
        if (arguments.Version)
        {
            // Neither needs the deployment: --version must work before plugins.json exists.
            return Invoke(Build([], null, arguments.ConfigPath), [HostArguments.VersionFlag], output, error);
        }

        var verb = arguments.Command;
        if (verb == HostVerbs.Help)
        {
            // "help token": the word after help names the verb; options around it (--config, --urls) are the host's.
            var named = HostArguments.Parse(arguments.CommandArguments ?? []);
            if (named.CommandArguments is { Length: > 0 } extra)
            {
                return Usage(error, $"help takes one command name, not '{named.Command} {string.Join(' ', extra)}'");
            }

            verb = named.Command;
        }

        if (verb is HostArguments.Serve or HostVerbs.Help)
        {
            return Invoke(Build([], null, arguments.ConfigPath), [verb, "--help"], output, error);
        }

        var helpOnly = arguments.Help || arguments.Command == HostVerbs.Help
            || (arguments.CommandArguments ?? []).Any(HostArguments.HelpFlags.Contains);

        // The deployment's verbs come from its plugins. For help, a broken or missing plugins.json still gets the
        // host's own help (with a note); for a verb, the configuration error is the answer.
        WebApplication? app = null;
        string? unloaded = null;
        try
        {
            app = HostApplication.Build(["--config", arguments.ConfigPath, .. arguments.Rest, "--Logging:LogLevel:Default=Warning"]);
        }
        catch (Exception ex) when (helpOnly && ex is PluginConfigurationException or ArgumentException)
        {
            unloaded = ex.Message;
        }

        await using var _ = app;
        var commands = app?.Services.GetServices<IHostCommand>().ToDictionary(c => c.Name, StringComparer.Ordinal)
            ?? new Dictionary<string, IHostCommand>(StringComparer.Ordinal);
        var root = Build(commands.Values, unloaded, arguments.ConfigPath);

        if (verb is not null && !commands.ContainsKey(verb))
        {
            return HostVerbs.PluginOf.TryGetValue(verb, out var plugin)
                ? Usage(error, $"'{verb}' comes from the {plugin} plugin, which {arguments.ConfigPath} does not list; add {{ \"name\": \"{plugin}\" }} to its plugins")
                : Usage(error, $"unknown command '{verb}' (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see --help)");
        }

        if (helpOnly)
        {
            return Invoke(root, verb is null ? ["--help"] : [verb, "--help"], output, error);
        }

        var command = commands[verb!];
        var verbArguments = arguments.CommandArguments ?? [];
        var parsed = root.Parse([verb!, .. verbArguments]);
        if (parsed.Errors.Count > 0)
        {
            return Usage(error, $"{verb}: {parsed.Errors[0].Message} (see '{verb} --help')");
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var context = new HostCommandContext(verbArguments, output, error, app!.Services) { IsTerminal = isTerminal };
        return await command.RunAsync(context, cancel.Token);
    }

    /// <summary>A usage error: one line, exit 2.</summary>
    public static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return 2;
    }

    private static int Invoke(RootCommand root, string[] tokens, TextWriter output, TextWriter error)
    {
        var parsed = root.Parse(tokens);
        return parsed.Errors.Count > 0
            ? Usage(error, parsed.Errors[0].Message)
            : parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(IEnumerable<IHostCommand> commands, string? unloaded, string configPath)
    {
        var examples = new Dictionary<Command, IReadOnlyList<string>>();
        var root = new RootCommand(
            "Webhooks.Modular: a webhook host where every behaviour is a plugin. With no command it serves, as 'serve' does. " +
            "ASP.NET Core's own options (--urls, --Key=value configuration overrides) may come before or after the command.");
        root.Add(new Option<string>("--config")
        {
            Description = "The deployment file: plugins, hooks, settings. Relative paths in it resolve against its folder.",
            HelpName = "PATH",
            DefaultValueFactory = _ => "plugins.json",
            Recursive = true,
        });
        examples[root] =
        [
            $"{Executable} --config plugins.json",
            $"{Executable} serve --config examples/dagu/plugins.json --urls http://0.0.0.0:8080",
            $"{Executable} help destination",
        ];

        var serve = new Command(HostArguments.Serve, "Start the server (the default command). Stops on Ctrl+C or SIGTERM, finishing work in flight.");
        serve.Add(new Option<string>("--urls") { Description = "Where to listen; default " + HostApplication.DefaultUrl + " (or ASPNETCORE_URLS).", HelpName = "URL[;URL]" });
        serve.Add(new Option<string>("--Key=value") { Description = "Any ASP.NET Core configuration override, such as --Logging:LogLevel:Default=Debug or --Kestrel:Limits:MaxConcurrentConnections=200.", HelpName = "value" });
        root.Add(serve);
        examples[serve] = [$"{Executable} serve --urls http://127.0.0.1:9000 --Logging:LogLevel:Default=Debug"];

        var help = new Command(HostVerbs.Help, "Show help for a command.");
        help.Add(new Argument<string>("command") { Description = "The command to describe.", Arity = ArgumentArity.ZeroOrOne });
        root.Add(help);
        examples[help] = [$"{Executable} help token"];

        foreach (var command in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var verb = Describe(command);
            root.Add(verb);
            examples[verb] = command.Examples.Select(e => $"{Executable} {e}").ToArray();
        }

        var listed = commands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, plugin) in HostVerbs.PluginOf.Where(p => !listed.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            root.Add(new Command(name, $"(needs the {plugin} plugin, which {configPath} does not list)"));
        }

        var helpOption = root.Options.OfType<HelpOption>().Single();
        helpOption.Action = new HelpWithExamples((SynchronousCommandLineAction)helpOption.Action!, examples, root, unloaded);
        return root;
    }

    private static Command Describe(IHostCommand command)
    {
        var verb = new Command(command.Name, command.Description);
        if (command.Arguments is { } positional)
        {
            verb.Add(new Argument<string[]>("arguments") { Description = positional, Arity = ArgumentArity.ZeroOrMore, HelpName = "ARGS" });
        }

        if (command.Options.Count == 0)
        {
            // A verb that describes no options parses its own; every argument reaches it unchanged.
            verb.TreatUnmatchedTokensAsErrors = false;
            if (command.Arguments is null)
            {
                verb.Add(new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore });
            }
        }

        foreach (var option in command.Options)
        {
            verb.Add(option switch
            {
                { Value: null } => new Option<bool>(option.Name) { Description = option.Description, Hidden = option.Hidden },
                { Repeatable: true } => new Option<string[]>(option.Name) { Description = option.Description, HelpName = option.Value, Hidden = option.Hidden },
                _ => new Option<string>(option.Name) { Description = option.Description, HelpName = option.Value, Hidden = option.Hidden },
            });
        }

        return verb;
    }
}
