using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.Dograh.Destinations;

namespace Webhooks.Modular.Surfaces.Dograh.Payloads;

/// <summary>
/// The variables a payload template sees, built from a finished run (the engine's <c>run.completed</c> /
/// <c>run.failed</c> payload) and the node's workflow: Dograh's ten, plus <c>workflow_run_uuid</c>, <c>status</c> and
/// <c>error</c>.
/// </summary>
internal static class RunVariables
{
    /// <summary>The context variables Dograh documents.</summary>
    public static IReadOnlyList<string> Documented { get; } =
    [
        "workflow_run_id", "workflow_run_name", "workflow_id", "workflow_name", "initial_context",
        "gathered_context", "cost_info", "annotations", "recording_url", "transcript_url",
    ];

    /// <summary>
    /// <c>workflow_run_id</c> = the run's number (an integer, as Dograh types it; null when the store gave none);
    /// <c>workflow_run_uuid</c> = the run's id (the engine's UUID); <c>workflow_run_name</c> =
    /// <c>"&lt;workflow name&gt; #&lt;run number&gt;"</c>; <c>initial_context</c> = the run's input. When the run's
    /// output (or its last non-empty line) is a JSON object:
    /// <c>gathered_context</c> = its <c>gathered_context</c>, else the whole object; <c>cost_info</c>,
    /// <c>annotations</c>, <c>recording_url</c>, <c>transcript_url</c> = its keys (else <c>{}</c>, <c>{}</c>, null,
    /// null). Otherwise <c>gathered_context</c> = <c>{"output": "&lt;the output&gt;"}</c>.
    /// </summary>
    /// <param name="node">The node's workflow.</param>
    /// <param name="run">The run's outcome event payload.</param>
    public static JsonObject Build(NodeTemplate node, JsonObject run)
    {
        var runId = TextOf(run["runId"]) ?? string.Empty;
        var runNumber = NumberOf(run["runNumber"]);
        var output = TextOf(run["output"]) ?? string.Empty;
        var outputObject = OutputObject(output);

        return new JsonObject
        {
            ["workflow_run_id"] = runNumber,
            ["workflow_run_uuid"] = runId,
            ["workflow_run_name"] = $"{node.WorkflowName} #{(runNumber is { } number ? number.ToString(CultureInfo.InvariantCulture) : runId)}",
            ["workflow_id"] = node.WorkflowId,
            ["workflow_name"] = node.WorkflowName,
            ["initial_context"] = run["input"]?.DeepClone() ?? new JsonObject(),
            ["gathered_context"] = outputObject is null
                ? new JsonObject { ["output"] = output }
                : (outputObject.TryGetPropertyValue("gathered_context", out var gathered) ? gathered : outputObject)?.DeepClone(),
            ["cost_info"] = Key(outputObject, "cost_info", () => new JsonObject()),
            ["annotations"] = Key(outputObject, "annotations", () => new JsonObject()),
            ["recording_url"] = Key(outputObject, "recording_url", () => null),
            ["transcript_url"] = Key(outputObject, "transcript_url", () => null),
            ["status"] = TextOf(run["status"]),
            ["error"] = TextOf(run["error"]),
        };
    }

    /// <summary>The output as a JSON object: all of it, or else its last non-empty line (after lines a step logged).</summary>
    internal static JsonObject? OutputObject(string output)
    {
        var trimmed = output.Trim();
        if (ParseObject(trimmed) is { } whole)
        {
            return whole;
        }

        var lastLine = trimmed.LastIndexOf('\n');
        return lastLine < 0 ? null : ParseObject(trimmed[(lastLine + 1)..].Trim());
    }

    private static JsonObject? ParseObject(string text)
    {
        if (!text.StartsWith('{') || !text.EndsWith('}'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // Text that only looks like JSON is gathered as text.
        }
    }

    private static JsonNode? Key(JsonObject? output, string key, Func<JsonNode?> otherwise) =>
        output is not null && output.TryGetPropertyValue(key, out var value) ? value?.DeepClone() : otherwise();

    /// <summary>The run's number from the outcome event; null in an event of a store that does not number runs.</summary>
    private static long? NumberOf(JsonNode? node) =>
        // Read from its JSON text, whatever CLR type the node holds (a parsed element, or an int set in code).
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString();
}
