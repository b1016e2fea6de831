using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Destinations;
using Webhooks.Modular.Surfaces.Dograh.Diagnostics;

namespace Webhooks.Modular.Surfaces.Dograh.Payloads;

/// <summary>
/// The <c>dograh</c> payload format: a webhook node's <c>payload_template</c> rendered with the finished run's
/// variables (<see cref="RunVariables"/>), sent as <c>application/json</c>. Without a template the body is the
/// variables themselves. Only <c>run.completed</c> and <c>run.failed</c> of the node's hook are rendered.
/// </summary>
/// <param name="logger">Where unreadable events or destinations are reported.</param>
internal sealed class DograhPayloadFormat(ILogger logger) : IPayloadFormat
{
    /// <summary>The format's name, as destinations name it.</summary>
    public const string FormatName = "dograh";

    /// <summary>The body's media type.</summary>
    public const string ContentType = "application/json";

    private static readonly JsonSerializerOptions Body = new()
    {
        // The receiver gets readable text ("é", "<"); JSON still escapes what it must (quotes, control characters).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        MaxDepth = PayloadTemplate.MaxDepth,
    };

    private static readonly JsonDocumentOptions EventJson = new() { MaxDepth = 1024 };

    /// <inheritdoc />
    public string Name => FormatName;

    /// <inheritdoc />
    public RenderedPayload? Render(DestinationRecord destination, PayloadContext context)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(context);
        if (context.EventType is not ("run.completed" or "run.failed"))
        {
            return null;
        }

        if (NodeTemplate.TryParse(destination.Template) is not { } node)
        {
            Log.UnreadableTemplate(logger, destination.Id);
            return null;
        }

        JsonObject run;
        try
        {
            if (JsonNode.Parse(context.PayloadJson, documentOptions: EventJson) is not JsonObject parsed)
            {
                Log.UnreadableEvent(logger, context.EventId, destination.Id);
                return null;
            }

            run = parsed;
        }
        catch (JsonException)
        {
            Log.UnreadableEvent(logger, context.EventId, destination.Id);
            return null;
        }

        var hook = context.HookName ?? (run["hook"] is JsonValue value && value.TryGetValue<string>(out var named) ? named : null);
        if (destination.HookName is not null && !string.Equals(hook, destination.HookName, StringComparison.Ordinal))
        {
            return null;
        }

        var variables = RunVariables.Build(node, run);
        var body = node.PayloadTemplate is null ? variables : PayloadTemplate.Render(node.PayloadTemplate, variables);
        return new RenderedPayload(Encoding.UTF8.GetBytes(body?.ToJsonString(Body) ?? "null"), ContentType);
    }
}
