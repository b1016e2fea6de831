using System.Text.Json;
using System.Xml;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>
/// An execution in Kestra's shape: the answer to a webhook that started one (state <c>CREATED</c>, no task runs yet)
/// and to <c>GET /api/v1/executions/{id}</c>.
/// </summary>
/// <param name="Id">The execution's id (the run's id).</param>
/// <param name="Namespace">The flow's namespace; absent for a run whose flow is no longer loaded.</param>
/// <param name="FlowId">The flow's id; absent likewise.</param>
/// <param name="FlowRevision">The flow's revision; absent likewise.</param>
/// <param name="State">Its state and history.</param>
/// <param name="Trigger">The webhook trigger and its variables.</param>
/// <param name="TaskRunList">The tasks that have run.</param>
/// <param name="Deleted">Always false: executions are not deleted here.</param>
internal sealed record ExecutionView(
    string Id,
    string? Namespace,
    string? FlowId,
    int? FlowRevision,
    ExecutionStateView State,
    ExecutionTriggerView? Trigger,
    IReadOnlyList<TaskRunView> TaskRunList,
    bool Deleted)
{
    public const string Created = "CREATED";
    public const string Running = "RUNNING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";

    /// <summary>The execution a webhook has just created.</summary>
    /// <param name="id">The execution's id.</param>
    /// <param name="flow">The flow.</param>
    /// <param name="trigger">The webhook trigger.</param>
    /// <param name="variables">The trigger variables (the run's input).</param>
    /// <param name="createdAt">When.</param>
    public static ExecutionView Accepted(string id, FlowDefinition flow, WebhookTrigger trigger, string variables, DateTimeOffset createdAt) => new(
        id,
        flow.Namespace,
        flow.Id,
        flow.Revision,
        new ExecutionStateView(Created, [new StateHistoryView(Created, createdAt.UtcDateTime)], createdAt.UtcDateTime, null, null),
        new ExecutionTriggerView(trigger.Id, KestraTypes.Webhook, Parse(variables)),
        [],
        false);

    /// <summary>A stored execution.</summary>
    /// <param name="run">Its run.</param>
    /// <param name="served">The flow and trigger of its hook, when that hook is still served.</param>
    public static ExecutionView From(RunRecord run, (FlowDefinition Flow, WebhookTrigger Trigger)? served)
    {
        var current = StateOf(run.Status);
        var histories = new List<StateHistoryView> { new(Created, run.CreatedAt.UtcDateTime) };
        if (run.StartedAt is { } startedAt)
        {
            histories.Add(new StateHistoryView(Running, startedAt.UtcDateTime));
        }

        if (run.FinishedAt is { } finishedAt && current is Success or Failed)
        {
            histories.Add(new StateHistoryView(current, finishedAt.UtcDateTime));
        }

        var duration = run.FinishedAt - run.CreatedAt is { } elapsed && elapsed >= TimeSpan.Zero ? XmlConvert.ToString(elapsed) : null;
        return new ExecutionView(
            run.Id,
            served?.Flow.Namespace,
            served?.Flow.Id,
            served?.Flow.Revision,
            new ExecutionStateView(current, histories, run.CreatedAt.UtcDateTime, run.FinishedAt?.UtcDateTime, duration),
            served is { Trigger: var trigger } ? new ExecutionTriggerView(trigger.Id, KestraTypes.Webhook, Parse(run.Input)) : null,
            FlowRunDetails.FromJson(run.Details)?.Tasks.Select(TaskRunView.From).ToArray() ?? [],
            false);
    }

    /// <summary>Kestra's name for a run status.</summary>
    /// <param name="status">The run's status.</param>
    public static string StateOf(RunStatus status) => status switch
    {
        RunStatus.Queued => Created,
        RunStatus.Running => Running,
        RunStatus.Succeeded => Success,
        _ => Failed,
    };

    private static JsonElement Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(new { });
        }
    }
}
