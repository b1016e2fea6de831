using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Webhooks.Modular.Actions.Steps.Files;

/// <summary>
/// Reads a steps file: a YAML mapping whose <c>steps</c> is a list of <c>{ id | name, command }</c>. Other keys (of the
/// file or of a step) are ignored, so a Dagu DAG or a DagNats workflow with more in it still reads.
/// </summary>
internal static class StepsFileLoader
{
    /// <summary>Reads and checks the file.</summary>
    /// <param name="path">The file (absolute).</param>
    /// <param name="kind">What the file is called in errors.</param>
    public static StepsLoadResult Load(string path, StepsFileKind kind)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return StepsLoadResult.Failed($"{kind.Name} '{path}' does not exist");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return StepsLoadResult.Failed($"{path}: cannot be read: {exception.Message}");
        }

        return Parse(path, text, kind);
    }

    /// <summary>Parses a steps file's YAML text.</summary>
    /// <param name="path">The file, for messages.</param>
    /// <param name="text">The YAML.</param>
    /// <param name="kind">What the file is called in errors.</param>
    public static StepsLoadResult Parse(string path, string text, StepsFileKind kind)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            return StepsLoadResult.Failed($"{path}: line {exception.Start.Line}: invalid YAML: {Innermost(exception).Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return StepsLoadResult.Failed($"{path}: a {kind.Name} must be a YAML mapping with 'steps'");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode) || stepsNode is not YamlSequenceNode steps)
        {
            return StepsLoadResult.Failed($"{path}: 'steps' must be a list of steps");
        }

        if (steps.Children.Count == 0)
        {
            return StepsLoadResult.Failed($"{path}: 'steps' is empty: {kind.NothingToRun}");
        }

        var parsed = new List<Step>(steps.Children.Count);
        foreach (var node in steps.Children)
        {
            var number = parsed.Count + 1;
            if (node is not YamlMappingNode step)
            {
                return StepsLoadResult.Failed($"{path}: line {node.Start.Line}: step {number} must be a mapping with 'command'");
            }

            var id = Scalar(step, "id") ?? Scalar(step, "name") ?? $"step{number}";
            var command = Scalar(step, "command");
            if (string.IsNullOrWhiteSpace(command))
            {
                return StepsLoadResult.Failed($"{path}: line {step.Start.Line}: step '{id}' has no 'command'");
            }

            if (parsed.Any(existing => string.Equals(existing.Id, id, StringComparison.Ordinal)))
            {
                return StepsLoadResult.Failed($"{path}: line {step.Start.Line}: step id '{id}' is used twice");
            }

            parsed.Add(new Step(id, command));
        }

        return StepsLoadResult.Loaded(new StepsFile(path, parsed));
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : null;

    private static Exception Innermost(Exception exception)
    {
        // YamlDotNet wraps the precise complaint ("did not find expected key") in a generic one.
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
