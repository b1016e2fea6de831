using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Surfaces.Dograh.Destinations;

/// <summary>
/// What the <c>dograh</c> payload format needs to render a webhook node's body, kept as the destination's
/// <c>Template</c> (JSON): the workflow it belongs to and the node's <c>payload_template</c>.
/// </summary>
/// <param name="WorkflowId">The workflow's id.</param>
/// <param name="WorkflowName">The workflow's name.</param>
/// <param name="NodeId">The node's id.</param>
/// <param name="NodeName">The node's name.</param>
/// <param name="PayloadTemplate">The node's payload template, or <c>null</c> when it has none (the body is then every variable).</param>
internal sealed record NodeTemplate(int WorkflowId, string WorkflowName, string NodeId, string NodeName, JsonNode? PayloadTemplate)
{
    /// <summary>The destination's <c>Template</c> text.</summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["workflow_id"] = WorkflowId,
            ["workflow_name"] = WorkflowName,
            ["node_id"] = NodeId,
            ["node_name"] = NodeName,
        };
        if (PayloadTemplate is not null)
        {
            json["payload_template"] = PayloadTemplate.DeepClone();
        }

        return json.ToJsonString();
    }

    /// <summary>Reads a destination's <c>Template</c>; <c>null</c> when it is not one of ours.</summary>
    /// <param name="json">The text.</param>
    public static NodeTemplate? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject obj
                && obj["workflow_id"] is JsonValue id && id.TryGetValue<int>(out var workflowId)
                && obj["workflow_name"] is JsonValue name && name.TryGetValue<string>(out var workflowName)
                && obj["node_id"] is JsonValue node && node.TryGetValue<string>(out var nodeId)
                && obj["node_name"] is JsonValue nodeNameValue && nodeNameValue.TryGetValue<string>(out var nodeName)
                    ? new NodeTemplate(workflowId, workflowName, nodeId, nodeName, obj["payload_template"]?.DeepClone())
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
