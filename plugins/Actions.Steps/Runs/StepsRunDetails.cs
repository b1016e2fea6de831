using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhooks.Modular.Actions.Steps.Runs;

/// <summary>A steps run's details, stored with the run as JSON: <c>{"steps":[{"id","status","exitCode","output","error"}]}</c>.</summary>
/// <param name="Steps">Every step of the file, in order, skipped ones included.</param>
internal sealed record StepsRunDetails(IReadOnlyList<StepOutcome> Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Read by people and scripts, not embedded in HTML: keep quotes, '<' and non-ASCII output readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static StepsRunDetails None { get; } = new([]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
