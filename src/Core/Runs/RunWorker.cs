using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Events;
using Webhooks.Modular.Core.Hooks;
using Webhooks.Modular.Core.Workers;

namespace Webhooks.Modular.Core.Runs;

/// <summary>
/// Claims queued runs under a lease and executes their hook's action, up to the configured concurrency.
/// The lease is renewed while the action runs; a worker that dies stops renewing, so another claim takes
/// the run over, and the attempt number fences the dead worker's late completion out.
/// </summary>
internal sealed class RunWorker(
    IRunQueue queue,
    IEventStore events,
    EventBus bus,
    HookRegistry hooks,
    RunSignal signal,
    IOptions<RunWorkerOptions> options,
    TimeProvider clock,
    ILogger<RunWorker> logger) : BackgroundService
{
    private readonly RunWorkerOptions _options = options.Value;
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        Log.WorkerStarted(logger, _workerId, _options.Concurrency, _options.Lease);
        var inFlight = new List<Task>();
        var poll = TimeSpan.FromMilliseconds(_options.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                var free = _options.Concurrency - inFlight.Count;
                var claimed = free > 0
                    ? await queue.ClaimAsync(_workerId, free, _options.Lease, stoppingToken)
                    : [];
                foreach (var run in claimed)
                {
                    inFlight.Add(Task.Run(() => ExecuteAsync(run, stoppingToken), CancellationToken.None));
                }

                if (claimed.Count == free && free > 0)
                {
                    continue; // There may be more waiting.
                }

                var wake = signal.WaitAsync(poll, stoppingToken);
                await (inFlight.Count == _options.Concurrency ? Task.WhenAny(inFlight.Append(wake)) : wake);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.WorkerLoopFailed(logger, ex);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // Runs cut short by shutdown are left leased: they are claimed again once the lease expires.
        await Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ExecuteAsync(RunRecord run, CancellationToken stoppingToken)
    {
        var hookTag = new KeyValuePair<string, object?>("webhooks.hook", run.HookName);
        EngineMetrics.RunsStarted.Add(1, hookTag);
        var started = clock.GetTimestamp();
        Activity? activity = null;
        try
        {
            await ExecuteAsync(run, stoppingToken, a => activity = a, hookTag, started);
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private async Task ExecuteAsync(
        RunRecord run, CancellationToken stoppingToken, Action<Activity?> traced, KeyValuePair<string, object?> hookTag, long started)
    {
        Activity? activity = null;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var renewal = RenewWhileRunningAsync(run, attempt);
        RunResult result;
        // Held until the run completes: a reloadable plugin replaced meanwhile finishes this run on the build it started on.
        using var lease = hooks.Acquire(run.HookName);
        var hook = lease?.Hook;
        try
        {
            var stored = await events.GetEventAsync(run.EventId, attempt.Token);
            if (EngineActivities.Source.HasListeners())
            {
                // The receipt's span is named by the traceparent stored with the event (see ReceiveWebhookHandler).
                activity = EngineActivities.Source.StartActivity(
                    EngineActivities.Run, ActivityKind.Consumer, stored is null ? default : EngineActivities.ParentFrom(stored.Headers));
                activity?.SetTag("webhooks.request_id", run.RequestId);
                activity?.SetTag("webhooks.hook", run.HookName);
                activity?.SetTag("webhooks.run_id", run.Id);
                activity?.SetTag("webhooks.run.attempt", run.Attempt);
                traced(activity);
            }

            if (hook is null || stored is null)
            {
                result = RunResult.Failure(hook is null ? $"hook '{run.HookName}' is no longer configured" : $"event {run.EventId} is missing");
            }
            else
            {
                var context = new RunContext(run.Id, run.HookName, run.RequestId, run.EventId, run.Attempt, run.Input, stored.Headers, stored.Body);
                result = await hook.Action.ExecuteAsync(context, attempt.Token);
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                return; // Shutdown: leave the lease to expire so the run is retried, never forgotten.
            }

            Log.LeaseLost(logger, run.Id);
            return;
        }
        catch (Exception ex)
        {
            result = RunResult.Failure($"{ex.GetType().Name}: {ex.Message}");
        }

        if (stoppingToken.IsCancellationRequested && !result.Succeeded)
        {
            return; // The action saw the shutdown; its failure is not the run's.
        }

        var outcome = await OutcomeEventAsync(run, hook, result, activity);
        var recorded = await queue.CompleteAsync(run.Id, _workerId, run.Attempt, result, outcome, CancellationToken.None);
        var status = result.Succeeded ? "succeeded" : "failed";
        activity?.SetTag("webhooks.outcome", status);
        if (!result.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        if (recorded)
        {
            var outcomeTag = new KeyValuePair<string, object?>("webhooks.outcome", status);
            EngineMetrics.RunsFinished.Add(1, hookTag, outcomeTag);
            EngineMetrics.RunDuration.Record(clock.GetElapsedTime(started).TotalSeconds, hookTag, outcomeTag);
            Log.RunFinished(logger, run.Id, run.HookName, run.RequestId, run.Attempt, result.Succeeded ? "succeeded" : "failed");
            if (outcome is not null)
            {
                bus.Committed(outcome);
            }
        }
        else
        {
            Log.LeaseLost(logger, run.Id);
        }
    }

    /// <summary>
    /// The <c>run.completed</c> or <c>run.failed</c> event, committed with the run's completion, so that triggers,
    /// subscriptions and workflow webhook nodes hear of every finished run. Runs started by a <c>run.*</c> trigger
    /// publish nothing, or such a trigger would feed itself. The event stores the run's span as its <c>traceparent</c>, so its
    /// deliveries (and the runs it triggers) stay in the webhook's trace.
    /// </summary>
    private async Task<Abstractions.Storage.AcceptedWebhook?> OutcomeEventAsync(RunRecord run, Hook? hook, RunResult result, Activity? activity)
    {
        var subject = result.Succeeded ? "run.completed" : "run.failed";
        if (hook?.Subject is { } pattern && (pattern.Matches("run.completed") || pattern.Matches("run.failed")))
        {
            return null;
        }

        var payload = JsonSerializer.Serialize(new
        {
            runId = run.Id,
            runNumber = run.Number > 0 ? run.Number : (long?)null,
            hook = run.HookName,
            status = result.Succeeded ? "succeeded" : "failed",
            exitCode = result.ExitCode,
            output = result.Output,
            error = result.Error,
            attempt = run.Attempt,
            eventId = run.EventId,
            requestId = run.RequestId,
            input = JsonValue(run.Input),
            details = JsonValue(result.Details),
            startedAt = run.StartedAt,
            finishedAt = clock.GetUtcNow(),
        });
        try
        {
            return await bus.PrepareAsync(subject, payload, run.RequestId, run.HookName, activity, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The run's outcome matters more than its announcement: record it without the event.
            Log.PublishFailed(logger, run.Id, subject, ex);
            return null;
        }
    }

    private static JsonElement? JsonValue(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }

    private RenewalTimer RenewWhileRunningAsync(RunRecord run, CancellationTokenSource attempt) =>
        new(_options.Lease / 3, async () =>
        {
            if (!await queue.RenewLeaseAsync(run.Id, _workerId, run.Attempt, _options.Lease, CancellationToken.None))
            {
                await attempt.CancelAsync();
            }
        });
}
