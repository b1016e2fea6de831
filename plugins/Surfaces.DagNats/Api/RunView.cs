using System.Text.Json;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>A workflow run as <c>GET /v1/runs/{id}</c> shows it: its status, input, output and steps.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Trigger">The trigger that started it.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempt">How many times it has been started.</param>
/// <param name="Input">Its input: the webhook's body, or the event's payload.</param>
/// <param name="Output">The steps' outputs, concatenated (once it has finished).</param>
/// <param name="Error">Why it failed.</param>
/// <param name="ExitCode">0, or the failing step's exit code.</param>
/// <param name="EventId">The event that started it.</param>
/// <param name="RequestId">The inbound request behind that event.</param>
/// <param name="CreatedAt">When it was enqueued (UTC).</param>
/// <param name="StartedAt">When its latest attempt started (UTC).</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
/// <param name="Steps">Each step, once it has finished.</param>
internal sealed record RunView(
    string RunId,
    string Trigger,
    string Status,
    int Attempt,
    JsonElement? Input,
    string? Output,
    string? Error,
    int? ExitCode,
    Guid EventId,
    string RequestId,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    IReadOnlyList<StepView> Steps)
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The view of a run of <paramref name="trigger"/>.</summary>
    /// <param name="trigger">The trigger (the run's hook without its <c>dagnats.</c> prefix).</param>
    /// <param name="run">The stored run.</param>
    public static RunView From(string trigger, RunRecord run) => new(
        run.Id,
        trigger,
        run.Status.ToString().ToLowerInvariant(),
        run.Attempt,
        ParseOrNull(run.Input),
        run.Output,
        run.Error,
        run.ExitCode,
        run.EventId,
        run.RequestId,
        run.CreatedAt.UtcDateTime,
        run.StartedAt?.UtcDateTime,
        run.FinishedAt?.UtcDateTime,
        StepsOf(run.Details));

    /// <summary>The run of a DagNats trigger, or <c>null</c> for another hook's run.</summary>
    /// <param name="run">The stored run.</param>
    public static RunView? FromAnyRun(RunRecord run) =>
        TriggerNames.FromHookName(run.HookName) is { } trigger ? From(trigger, run) : null;

    private static JsonElement? ParseOrNull(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<StepView> StepsOf(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("steps", out var steps)
                && steps.ValueKind == JsonValueKind.Array
                    ? steps.Deserialize<StepView[]>(DetailsJson) ?? []
                    : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
