using System.Text.Encodings.Web;
using System.Text.Json;

namespace Webhooks.Modular.Actions.Steps.Runs;

/// <summary>A steps run's details, stored with the run as JSON: <c>{"steps":[{"id","status","exitCode","output","error"}]}</c>.</summary>
/// <param name="Steps">Every step of the file, in order, skipped ones included.</param>
public sealed record StepsRunDetails(IReadOnlyList<StepOutcome> Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Read by people and scripts, not embedded in HTML: keep quotes, '<' and non-ASCII output readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The details of a run that ran no step (the file could not be read): <c>{"steps":[]}</c>.</summary>
    public static StepsRunDetails None { get; } = new([]);

    /// <summary>The details as stored with the run.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored details; <c>null</c> when there are none or they are not a steps run's.</summary>
    /// <param name="json">The run's details.</param>
    public static StepsRunDetails? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<StepsRunDetails>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
