using System.CommandLine;
using System.CommandLine.Invocation;

namespace Webhooks.Modular.Host.CommandLine;

/// <summary>System.CommandLine's help followed by the command's examples (and why plugin verbs are missing, if they are).</summary>
internal sealed class HelpWithExamples(
    SynchronousCommandLineAction help, IReadOnlyDictionary<Command, IReadOnlyList<string>> examples, RootCommand root, string? unloaded)
    : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var command = parseResult.CommandResult.Command;
        if (examples.TryGetValue(command, out var lines) && lines.Count > 0)
        {
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine($"  {line}");
            }

            output.WriteLine();
        }

        if (command == root && unloaded is not null)
        {
            output.WriteLine($"Plugin commands are not listed: the deployment did not load ({unloaded}).");
        }

        return result;
    }
}
