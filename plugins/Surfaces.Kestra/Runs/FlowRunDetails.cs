using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhooks.Modular.Surfaces.Kestra.Runs;

/// <summary>An execution's details, stored with the run as JSON: <c>{"tasks":[{"id","type","state","output","exitCode","error"}]}</c>.</summary>
/// <param name="Tasks">The tasks that ran, in order; those after a failed one never start, as in Kestra.</param>
internal sealed record FlowRunDetails(IReadOnlyList<TaskOutcome> Tasks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Read by people and scripts, not embedded in HTML: keep quotes, '<' and non-ASCII output readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored details; <c>null</c> when there are none or they are not an execution's.</summary>
    /// <param name="json">The run's details.</param>
    public static FlowRunDetails? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FlowRunDetails>(json, Json) is { Tasks: not null } details ? details : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
