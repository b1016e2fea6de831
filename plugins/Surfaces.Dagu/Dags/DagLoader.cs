using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>
/// Reads DAGs from the DAG folder: <c>{name}.yaml</c> (or <c>.yml</c>), a mapping whose <c>steps</c> is a list of
/// <c>{ id | name, command }</c>. Other Dagu keys are ignored. Files are read at each run, so editing a DAG needs
/// no restart.
/// </summary>
internal sealed class DagLoader(string directory)
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>The folder DAG files are read from (absolute).</summary>
    public string Directory { get; } = directory;

    /// <summary>The DAG's file, or <c>null</c> when there is none (or the name is not a DAG name).</summary>
    /// <param name="name">The DAG's name.</param>
    public string? FindFile(string name) =>
        DagNames.IsValid(name)
            ? Extensions.Select(extension => Path.Combine(Directory, name + extension)).FirstOrDefault(File.Exists)
            : null;

    /// <summary>Whether the DAG's file exists; its content is not checked (a broken DAG fails its runs instead).</summary>
    /// <param name="name">The DAG's name.</param>
    public bool Exists(string name) => FindFile(name) is not null;

    /// <summary>Reads and checks the DAG.</summary>
    /// <param name="name">The DAG's name.</param>
    public DagLoadResult Load(string name)
    {
        var file = FindFile(name);
        if (file is null)
        {
            return DagLoadResult.Failed($"DAG '{name}' not found in '{Directory}'");
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return DagLoadResult.Failed($"{file}: cannot be read: {exception.Message}");
        }

        return Parse(name, file, text);
    }

    /// <summary>Parses a DAG's YAML text.</summary>
    /// <param name="name">The DAG's name.</param>
    /// <param name="file">The file, for messages.</param>
    /// <param name="text">The YAML.</param>
    internal static DagLoadResult Parse(string name, string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            return DagLoadResult.Failed($"{file}: line {exception.Start.Line}: invalid YAML: {Innermost(exception).Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return DagLoadResult.Failed($"{file}: a DAG must be a YAML mapping with 'steps'");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode) || stepsNode is not YamlSequenceNode steps)
        {
            return DagLoadResult.Failed($"{file}: 'steps' must be a list of steps");
        }

        if (steps.Children.Count == 0)
        {
            return DagLoadResult.Failed($"{file}: 'steps' is empty: the DAG has nothing to run");
        }

        var parsed = new List<DagStep>(steps.Children.Count);
        foreach (var node in steps.Children)
        {
            var number = parsed.Count + 1;
            if (node is not YamlMappingNode step)
            {
                return DagLoadResult.Failed($"{file}: line {node.Start.Line}: step {number} must be a mapping with 'command'");
            }

            var id = Scalar(step, "id") ?? Scalar(step, "name") ?? $"step{number}";
            var command = Scalar(step, "command");
            if (string.IsNullOrWhiteSpace(command))
            {
                return DagLoadResult.Failed($"{file}: line {step.Start.Line}: step '{id}' has no 'command'");
            }

            if (parsed.Any(existing => string.Equals(existing.Id, id, StringComparison.Ordinal)))
            {
                return DagLoadResult.Failed($"{file}: line {step.Start.Line}: step id '{id}' is used twice");
            }

            parsed.Add(new DagStep(id, command));
        }

        return DagLoadResult.Loaded(new DagDefinition(name, file, parsed));
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
