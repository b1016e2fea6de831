using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Conditions.Expression.Language;
using Webhooks.Modular.Surfaces.Kestra.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>
/// Reads flows in Kestra's own shape (<c>id</c>, <c>namespace</c>, <c>tasks</c>, <c>triggers</c>) from YAML files.
/// Every problem is a <see cref="PluginConfigurationException"/> naming the file, the flow (and trigger or task) and
/// the key, such as <c>triggers:0:key</c>; keys Kestra has and this surface does not use are ignored.
/// </summary>
/// <param name="secretsBaseDirectory">The folder <c>file:</c> key references resolve against (that of <c>plugins.json</c>).</param>
/// <param name="templates">Checks the syntax of Log messages, so that a broken one stops the host rather than its runs.</param>
internal sealed partial class FlowLoader(string secretsBaseDirectory, ITemplateRenderer templates)
{
    /// <summary>Kestra's limit for a webhook key.</summary>
    public const int MaxKeyLength = 256;

    private const int MaxTimeoutSeconds = 86_400;

    private static readonly string[] Extensions = [".yml", ".yaml"];
    private static readonly string[] ReservedEnvironment = ["KESTRA_NAMESPACE", "KESTRA_FLOW_ID", "KESTRA_EXECUTION_ID", "KESTRA_TASK_ID"];

    /// <summary>
    /// Every flow under <paramref name="directory"/> (<c>*.yml</c> and <c>*.yaml</c>, sub-folders included, hidden
    /// ones skipped), in path order. Two files defining the same flow, or two triggers mapping onto one hook, are errors.
    /// </summary>
    /// <param name="directory">The flow folder.</param>
    public IReadOnlyList<FlowDefinition> LoadDirectory(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !Path.GetRelativePath(directory, file).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);

        var flows = new List<FlowDefinition>();
        var byName = new Dictionary<(string, string), FlowDefinition>();
        var byHook = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var flow = LoadFile(file);
            if (byName.TryGetValue((flow.Namespace, flow.Id), out var twin))
            {
                throw new PluginConfigurationException(
                    flow.File, $"flow '{flow.DisplayName}'", "id", $"the same flow is already defined in '{twin.File}'");
            }

            foreach (var trigger in flow.Webhooks)
            {
                if (byHook.TryGetValue(trigger.HookName, out var other))
                {
                    throw new PluginConfigurationException(
                        flow.File,
                        $"flow '{flow.DisplayName}' trigger '{trigger.Id}'",
                        $"triggers:{trigger.Index}:id",
                        $"its hook name '{trigger.HookName}' is also that of a trigger of flow '{other.DisplayName}' ('{other.File}'): rename one of them");
                }

                byHook[trigger.HookName] = flow;
            }

            byName[(flow.Namespace, flow.Id)] = flow;
            flows.Add(flow);
        }

        return flows;
    }

    /// <summary>Reads and checks one flow file.</summary>
    /// <param name="file">The YAML file.</param>
    public FlowDefinition LoadFile(string file)
    {
        file = Path.GetFullPath(file);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigurationException(file, "flow", "(file)", $"cannot be read: {exception.Message}", exception);
        }

        return Parse(file, text);
    }

    /// <summary>Parses a flow's YAML text.</summary>
    /// <param name="file">The file, for messages.</param>
    /// <param name="text">The YAML.</param>
    internal FlowDefinition Parse(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new PluginConfigurationException(
                file, "flow", $"line {exception.Start.Line}", $"invalid YAML: {Innermost(exception).Message}", exception);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PluginConfigurationException(
                file, "flow", "(document)", "a flow file holds one YAML mapping with 'id', 'namespace' and 'tasks'");
        }

        return new Reader(file, secretsBaseDirectory, templates).Flow(root);
    }

    private static Exception Innermost(Exception exception)
    {
        // YamlDotNet wraps the precise complaint ("did not find expected key") in a generic one.
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex EnvironmentName();

    /// <summary>Reads one flow's mapping, knowing enough of it to name the flow in every error.</summary>
    private sealed class Reader(string file, string secretsBaseDirectory, ITemplateRenderer templates)
    {
        private string _owner = "flow";

        public FlowDefinition Flow(YamlMappingNode root)
        {
            var id = RequiredScalar(root, "id", "id");
            if (!FlowIds.IsFlowId(id))
            {
                throw Error("id", $"'{id}' is not a flow id (1-100 letters, digits, '.', '_' or '-', starting with a letter or digit)");
            }

            var @namespace = RequiredScalar(root, "namespace", "namespace");
            if (!FlowIds.IsNamespace(@namespace))
            {
                throw Error("namespace", $"'{@namespace}' is not a namespace (1-150 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)");
            }

            var flowOwner = $"flow '{@namespace}.{id}'";
            _owner = flowOwner;

            var revision = 1;
            if (Scalar(root, "revision", "revision") is { } revisionText
                && (!int.TryParse(revisionText, NumberStyles.None, CultureInfo.InvariantCulture, out revision) || revision < 1))
            {
                throw Error("revision", $"'{revisionText}' is not a revision (a whole number from 1)");
            }

            var disabled = Flag(root, "disabled", "disabled");
            var tasks = Tasks(root);
            _owner = flowOwner;
            var webhooks = Triggers(root, @namespace, id, flowOwner);
            return new FlowDefinition(id, @namespace, revision, disabled, file, tasks, webhooks);
        }

        private List<FlowTask> Tasks(YamlMappingNode root)
        {
            if (Child(root, "tasks") is not YamlSequenceNode { Children.Count: > 0 } sequence)
            {
                throw Error("tasks", "is required: a list of at least one task");
            }

            var tasks = new List<FlowTask>(sequence.Children.Count);
            for (var index = 0; index < sequence.Children.Count; index++)
            {
                var path = $"tasks:{index}";
                if (sequence.Children[index] is not YamlMappingNode task)
                {
                    throw Error(path, "a task is a mapping with 'id' and 'type'");
                }

                var id = RequiredScalar(task, "id", $"{path}:id");
                if (!FlowIds.IsTaskId(id))
                {
                    throw Error($"{path}:id", $"'{id}' is not a task id (1-100 letters, digits, '_' or '-', starting with a letter or digit)");
                }

                if (tasks.Any(existing => string.Equals(existing.Id, id, StringComparison.Ordinal)))
                {
                    throw Error($"{path}:id", $"task id '{id}' is used twice");
                }

                var type = RequiredScalar(task, "type", $"{path}:type");
                var kind = KestraTypes.TaskKind(type)
                    ?? throw Error($"{path}:type", $"task type '{type}' is not supported here (supported: {string.Join(", ", KestraTypes.SupportedTasks)})");
                tasks.Add(kind == FlowTaskKind.Log ? LogTask(task, path, id, type) : ShellTask(task, path, id, type, kind));
            }

            return tasks;
        }

        private FlowTask LogTask(YamlMappingNode task, string path, string id, string type)
        {
            string[] messages = Child(task, "message") switch
            {
                YamlScalarNode { Value: { } message } => [message],
                YamlSequenceNode list when list.Children.Count > 0 => list.Children.Select((node, i) =>
                    node is YamlScalarNode { Value: { } line } ? line : throw Error($"{path}:message:{i}", "must be a string")).ToArray(),
                _ => throw Error($"{path}:message", "is required: a string, or a list of strings"),
            };
            for (var i = 0; i < messages.Length; i++)
            {
                if (templates.SyntaxError(messages[i]) is { } syntaxError)
                {
                    throw Error(messages.Length == 1 ? $"{path}:message" : $"{path}:message:{i}", syntaxError);
                }
            }

            return new FlowTask(id, type, FlowTaskKind.Log, messages, null, new Dictionary<string, string>(), null);
        }

        private FlowTask ShellTask(YamlMappingNode task, string path, string id, string type, FlowTaskKind kind)
        {
            string[] lines;
            string linesKey;
            if (kind == FlowTaskKind.Commands)
            {
                linesKey = $"{path}:commands";
                if (Child(task, "commands") is not YamlSequenceNode { Children.Count: > 0 } commands)
                {
                    throw Error(linesKey, "is required: a list of at least one command");
                }

                lines = commands.Children.Select((node, i) =>
                    node is YamlScalarNode { Value: { } line } ? line : throw Error($"{linesKey}:{i}", "must be a string")).ToArray();
            }
            else
            {
                linesKey = $"{path}:script";
                lines = [RequiredScalar(task, "script", linesKey)];
            }

            // Kestra renders commands as templates; here they never are: request data pasted into shell text would let
            // any caller with the URL run commands. Scripts read the trigger variables from WEBHOOK_PAYLOAD instead.
            if (lines.Any(line => line.Contains("{{", StringComparison.Ordinal) || line.Contains("{%", StringComparison.Ordinal)))
            {
                throw Error(linesKey, "templates are not rendered in shell text; read the trigger variables from $WEBHOOK_PAYLOAD (for example with jq)");
            }

            // As Kestra's shell tasks with failFast (their default): the first failing command fails the task.
            var script = "set -e\n" + string.Join('\n', lines);
            return new FlowTask(id, type, kind, [], script, Environment(task, path), Timeout(task, path));
        }

        private Dictionary<string, string> Environment(YamlMappingNode task, string path)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Child(task, "env"))
            {
                case null:
                    return environment;
                case YamlMappingNode env:
                    foreach (var (keyNode, valueNode) in env.Children)
                    {
                        var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                        if (!EnvironmentName().IsMatch(name))
                        {
                            throw Error($"{path}:env", $"'{name}' is not an environment variable name");
                        }

                        if (name.StartsWith("WEBHOOK_", StringComparison.Ordinal) || ReservedEnvironment.Contains(name, StringComparer.Ordinal))
                        {
                            throw Error($"{path}:env:{name}", "is set by the host (WEBHOOK_* and KESTRA_* variables are reserved)");
                        }

                        environment[name] = valueNode is YamlScalarNode { Value: var value }
                            ? value ?? string.Empty
                            : throw Error($"{path}:env:{name}", "must be a string");
                    }

                    return environment;
                default:
                    throw Error($"{path}:env", "must be a mapping of variable names to values");
            }
        }

        private int? Timeout(YamlMappingNode task, string path)
        {
            if (Scalar(task, "timeout", $"{path}:timeout") is not { } text)
            {
                return null;
            }

            TimeSpan timeout;
            try
            {
                timeout = XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                throw Error($"{path}:timeout", $"'{text}' is not an ISO-8601 duration such as PT5M");
            }

            var seconds = (int)Math.Ceiling(Math.Min(timeout.TotalSeconds, int.MaxValue));
            return seconds is >= 1 and <= MaxTimeoutSeconds
                ? seconds
                : throw Error($"{path}:timeout", $"'{text}' must be from 1 second to {MaxTimeoutSeconds / 3600} hours");
        }

        private List<WebhookTrigger> Triggers(YamlMappingNode root, string @namespace, string flowId, string flowOwner)
        {
            var webhooks = new List<WebhookTrigger>();
            switch (Child(root, "triggers"))
            {
                case null:
                    return webhooks;
                case YamlSequenceNode sequence:
                    var ids = new HashSet<string>(StringComparer.Ordinal);
                    for (var index = 0; index < sequence.Children.Count; index++)
                    {
                        _owner = flowOwner;
                        var path = $"triggers:{index}";
                        if (sequence.Children[index] is not YamlMappingNode trigger)
                        {
                            throw Error(path, "a trigger is a mapping with 'id' and 'type'");
                        }

                        var id = RequiredScalar(trigger, "id", $"{path}:id");
                        if (!FlowIds.IsTaskId(id))
                        {
                            throw Error($"{path}:id", $"'{id}' is not a trigger id (1-100 letters, digits, '_' or '-', starting with a letter or digit)");
                        }

                        if (!ids.Add(id))
                        {
                            throw Error($"{path}:id", $"trigger id '{id}' is used twice");
                        }

                        _owner = $"{flowOwner} trigger '{id}'";
                        var type = RequiredScalar(trigger, "type", $"{path}:type");
                        if (KestraTypes.IsWebhook(type))
                        {
                            webhooks.Add(Webhook(trigger, path, index, id, @namespace, flowId, webhooks));
                        }
                    }

                    return webhooks;
                default:
                    throw Error("triggers", "must be a list of triggers");
            }
        }

        private WebhookTrigger Webhook(
            YamlMappingNode trigger, string path, int index, string id, string @namespace, string flowId, List<WebhookTrigger> earlier)
        {
            var keyPath = $"{path}:key";
            var written = RequiredScalar(trigger, "key", keyPath);

            // The messages below describe the key, never echo it: start-up errors end up in terminals and service logs.
            if (written.Contains("{{", StringComparison.Ordinal))
            {
                throw Error(keyPath, "templated keys are not supported: write the key itself, or env:NAME or file:path");
            }

            var key = SecretReference.Resolve(written, secretsBaseDirectory, problem => Error(keyPath, problem)).Trim();
            if (key.Length == 0)
            {
                throw Error(keyPath, "is empty");
            }

            if (key.Length > MaxKeyLength)
            {
                throw Error(keyPath, $"is {key.Length} characters long; at most {MaxKeyLength} are allowed");
            }

            // The key is one segment of the webhook's URL path, and routing does not decode '%2F' inside a segment.
            if (key.Contains('/', StringComparison.Ordinal) || key.Any(char.IsControl))
            {
                throw Error(keyPath, "may not contain '/' or control characters: it has to fit in one URL path segment");
            }

            // The url-key scheme would read such a key as a reference again.
            if (key.StartsWith("env:", StringComparison.Ordinal) || key.StartsWith("file:", StringComparison.Ordinal))
            {
                throw Error(keyPath, "a key may not itself start with 'env:' or 'file:'");
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            if (earlier.FirstOrDefault(other => CryptographicOperations.FixedTimeEquals(other.KeyHash, hash)) is { } twin)
            {
                throw Error(keyPath, $"trigger '{twin.Id}' of the same flow has the same key; a key names one trigger");
            }

            return new WebhookTrigger(
                id, index, key, hash, Flag(trigger, "disabled", $"{path}:disabled"), Conditions(trigger, path), FlowIds.HookName(@namespace, flowId, id));
        }

        private List<FlowCondition> Conditions(YamlMappingNode trigger, string path)
        {
            var conditions = new List<FlowCondition>();
            switch (Child(trigger, "conditions"))
            {
                case null:
                    return conditions;
                case YamlSequenceNode sequence:
                    for (var index = 0; index < sequence.Children.Count; index++)
                    {
                        var conditionPath = $"{path}:conditions:{index}";
                        if (sequence.Children[index] is not YamlMappingNode condition)
                        {
                            throw Error(conditionPath, "a condition is a mapping with 'type'");
                        }

                        var type = RequiredScalar(condition, "type", $"{conditionPath}:type");
                        if (KestraTypes.IsMultipleCondition(type))
                        {
                            throw Error($"{conditionPath}:type", "a webhook trigger does not support conditions of type MultipleCondition");
                        }

                        var settings = new JsonObject();
                        foreach (var (keyNode, valueNode) in condition.Children)
                        {
                            if (keyNode is YamlScalarNode { Value: { } name } && name != "type")
                            {
                                settings[name] = ToJson(valueNode);
                            }
                        }

                        // The expression condition's syntax is checked here too, so that its error stops the host before
                        // anything starts (the condition plugin checks it again when the hook is built).
                        if (KestraTypes.IsExpressionCondition(type)
                            && settings["expression"] is JsonValue expression
                            && expression.TryGetValue<string>(out var text)
                            && !ExpressionLanguage.TryParse(text, out _, out var syntaxError))
                        {
                            throw Error($"{conditionPath}:expression", syntaxError.Message);
                        }

                        conditions.Add(new FlowCondition(type, settings.ToJsonString()));
                    }

                    return conditions;
                default:
                    throw Error($"{path}:conditions", "must be a list of conditions");
            }
        }

        private static JsonNode? ToJson(YamlNode node) => node switch
        {
            // Hook settings are configuration: every scalar is a string there anyway.
            YamlScalarNode { Value: null } or YamlScalarNode { Value: "~" or "null", Style: ScalarStyle.Plain } => null,
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
            YamlMappingNode mapping => new JsonObject(mapping.Children
                .Where(pair => pair.Key is YamlScalarNode { Value: not null })
                .Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
            _ => null,
        };

        private bool Flag(YamlMappingNode mapping, string key, string path) =>
            Scalar(mapping, key, path) switch
            {
                null => false,
                var text when bool.TryParse(text, out var value) => value,
                var text => throw Error(path, $"'{text}' is not true or false"),
            };

        private string RequiredScalar(YamlMappingNode mapping, string key, string path) =>
            Scalar(mapping, key, path) is { Length: > 0 } value ? value : throw Error(path, "is required");

        private string? Scalar(YamlMappingNode mapping, string key, string path) => Child(mapping, key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(path, "must be a single value"),
        };

        private static YamlNode? Child(YamlMappingNode mapping, string key) =>
            mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private PluginConfigurationException Error(string key, string problem) => new(file, _owner, key, problem);
    }
}
