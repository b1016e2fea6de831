using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>A DAG run's details, stored with the run as JSON: <c>{"steps":[{"id","status","exitCode","output","error"}]}</c>.</summary>
/// <param name="Steps">Every step of the DAG, in order, skipped ones included.</param>
internal sealed record DagRunDetails(IReadOnlyList<StepOutcome> Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Read by people and scripts, not embedded in HTML: keep quotes, '<' and non-ASCII output readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored details; <c>null</c> when there are none or they are not a DAG run's.</summary>
    /// <param name="json">The run's details.</param>
    public static DagRunDetails? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DagRunDetails>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
