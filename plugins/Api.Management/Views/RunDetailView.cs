using System.Text.Json;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One run with its input, output and the action's structured detail.</summary>
/// <param name="Run">Where it stands and its timings.</param>
/// <param name="Input">The input JSON it was given.</param>
/// <param name="Output">The captured output.</param>
/// <param name="Details">The action's structured detail (such as each step), if it gave any.</param>
/// <param name="LeaseOwner">The worker holding it, while running.</param>
/// <param name="LeaseExpiresAt">When that lease ends.</param>
/// <param name="Reruns">The runs that re-ran this one, oldest first.</param>
internal sealed record RunDetailView(
    RunView Run, JsonElement? Input, string? Output, JsonElement? Details, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt, IReadOnlyList<RunView> Reruns)
{
    public static RunDetailView From(RunRecord run, IReadOnlyList<RunRecord> reruns) =>
        new(RunView.From(run), Json(run.Input), run.Output, Json(run.Details), run.LeaseOwner, run.LeaseExpiresAt, [.. reruns.Select(RunView.From)]);

    private static JsonElement? Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored by an action as text: shown as a JSON string rather than lost.
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
