using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>A run as <c>GET /runs/{id}</c> shows it.</summary>
internal sealed record RunView(
    string Id,
    string Hook,
    Guid EventId,
    string RequestId,
    string Status,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationMs,
    int? ExitCode,
    string? Output,
    string? Error,
    System.Text.Json.JsonElement? Details,
    long? Number)
{
    public static RunView From(RunRecord run) => new(
        run.Id,
        run.HookName,
        run.EventId,
        run.RequestId,
        run.Status.ToString().ToLowerInvariant(),
        run.Attempt,
        run.MaxAttempts,
        run.CreatedAt,
        run.StartedAt,
        run.FinishedAt,
        run.FinishedAt - run.StartedAt is { } duration ? Math.Round(duration.TotalMilliseconds, 1) : null,
        run.ExitCode,
        run.Output,
        run.Error,
        run.Details is null ? null : System.Text.Json.JsonDocument.Parse(run.Details).RootElement.Clone(),
        run.Number > 0 ? run.Number : null);
}
