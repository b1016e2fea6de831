using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Surfaces.Dagu.Trigger;

/// <summary>
/// Dagu's reading of a trigger body. <c>WEBHOOK_PAYLOAD</c> is the top-level <c>payload</c> field when there is one,
/// else the whole body when it is JSON, else <c>{}</c>; a top-level <c>dagRunId</c> names the run.
/// </summary>
internal static partial class TriggerBody
{
    public const string PayloadField = "payload";
    public const string DagRunIdField = "dagRunId";

    private static readonly JsonSerializerOptions PayloadJson = new()
    {
        // Read by shell scripts (jq), not embedded in HTML: keep '+', '<', quotes and non-ASCII text as they were.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The run's input, which the command action hands to each step as <c>WEBHOOK_PAYLOAD</c>.</summary>
    /// <param name="request">The request, body read.</param>
    public static string SelectInput(WebhookRequest request) => request.Json switch
    {
        { ValueKind: JsonValueKind.Object } json when json.TryGetProperty(PayloadField, out var payload) =>
            JsonSerializer.Serialize(payload, PayloadJson),
        not null => Encoding.UTF8.GetString(request.Body.Span),
        null => "{}",
    };

    /// <summary>
    /// The DAG run id the sender chose. True with <paramref name="dagRunId"/> <c>null</c> when the body names none
    /// (then a new UUIDv7 is used); false with <paramref name="error"/> when the one it names is not acceptable.
    /// </summary>
    /// <param name="request">The request, body read.</param>
    /// <param name="dagRunId">The chosen id, or <c>null</c>.</param>
    /// <param name="error">Why the given id is refused.</param>
    public static bool TrySelectDagRunId(WebhookRequest request, out string? dagRunId, out string? error)
    {
        dagRunId = null;
        error = null;
        if (request.Json is not { ValueKind: JsonValueKind.Object } json
            || !json.TryGetProperty(DagRunIdField, out var value)
            || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && DagRunIdPattern().IsMatch(value.GetString()!))
        {
            dagRunId = value.GetString();
            return true;
        }

        error = "dagRunId must be 1-64 letters, digits, '_' or '-'";
        return false;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex DagRunIdPattern();
}
