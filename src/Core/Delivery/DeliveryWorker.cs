using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Workers;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// Claims due deliveries under a lease and sends them through their destination's channel, at most
/// <see cref="DeliveryOptions.PerDestinationConcurrency"/> at once per destination; destinations whose circuit is open
/// are not claimed. The shared <see cref="DeliveryOptions.Concurrency"/> counts only attempts younger than
/// <see cref="DeliveryOptions.SlowAttemptMilliseconds"/> to destinations not known to be slow: an attempt still waiting
/// for its answer after that keeps its destination's slot but gives the shared one back, and marks its destination
/// slow until one of its attempts ends within that time; attempts to a slow destination never take a shared slot. All
/// attempts together are bounded by <see cref="DeliveryOptions.MaxInFlight"/>. So destinations that never answer hold
/// their own slots and no one else's. Every attempt is recorded with its outcome
/// in one fenced write: a worker whose lease was taken over records nothing. A worker that dies loses nothing: its
/// leases expire and the deliveries are claimed again (at least once, never twice while a lease holds).
/// </summary>
internal sealed class DeliveryWorker(
    DeliveryServices services,
    Abstractions.Storage.IEventStore events,
    IEnumerable<IOutboundDelivery> channels,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly Dictionary<string, IOutboundDelivery> _channels = channels.GroupBy(c => c.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private TimeProvider Clock => services.Clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || services.Store is not { } store)
        {
            return;
        }

        Log.DeliveryWorkerStarted(logger, _workerId, _options.Concurrency, _options.PerDestinationConcurrency, _options.Lease);
        var inFlight = new List<InFlight>();
        var slow = new HashSet<string>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // HTTP waits cost a socket, not a thread: an attempt that has waited past SlowAttempt leaves the
                // shared slots, and its destination counts as slow until an attempt to it ends within that time, so
                // that destinations that hang (up to the channel's timeout) cannot starve the rest, even as their
                // timed-out attempts are replaced.
                foreach (var f in inFlight.Where(f => f.Task.IsCompletedSuccessfully && f.Task.Result))
                {
                    slow.Remove(f.DestinationId);
                }

                inFlight.RemoveAll(f => f.Task.IsCompleted);
                var started = Clock.GetTimestamp();
                foreach (var f in inFlight.Where(f => Clock.GetElapsedTime(f.StartedAt, started) >= _options.SlowAttempt))
                {
                    slow.Add(f.DestinationId);
                }

                var young = inFlight.Count(f => !slow.Contains(f.DestinationId));
                var free = Math.Min(_options.Concurrency - young, _options.MaxInFlight - inFlight.Count);
                var claimedAll = false;
                if (free > 0)
                {
                    var now = Clock.GetUtcNow();
                    var perDestination = inFlight.GroupBy(f => f.DestinationId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                    var excluded = perDestination.Where(p => p.Value >= _options.PerDestinationConcurrency).Select(p => p.Key)
                        .Concat(services.Breaker.Blocked(now))
                        .ToHashSet(StringComparer.Ordinal);
                    // Ask each destination for no more than the busiest one still has room for, so that a hot
                    // destination is not claimed past its free slots only to have the extra given back.
                    var busiest = perDestination.Values.Where(c => c < _options.PerDestinationConcurrency).DefaultIfEmpty(0).Max();
                    var claimed = await store.ClaimDueAsync(
                        _workerId, free, _options.PerDestinationConcurrency - busiest, excluded, now, _options.Lease, stoppingToken);
                    foreach (var delivery in claimed)
                    {
                        var count = perDestination.GetValueOrDefault(delivery.DestinationId);
                        if (count >= _options.PerDestinationConcurrency)
                        {
                            // More of one destination than its limit allows beside those already in flight: give it back.
                            await store.ReleaseAsync(delivery.Id, _workerId, delivery.LeaseToken, delivery.NextAttemptAt, CancellationToken.None);
                            continue;
                        }

                        perDestination[delivery.DestinationId] = count + 1;
                        inFlight.Add(new InFlight(
                            Task.Run(() => TimedAttemptAsync(store, delivery, stoppingToken), CancellationToken.None), delivery.DestinationId, Clock.GetTimestamp()));
                    }

                    claimedAll = claimed.Count == free;
                }

                if (claimedAll)
                {
                    continue; // There may be more due.
                }

                // Wake when an attempt ends, when work is signalled, or when the next young attempt turns slow and so
                // frees a shared slot, whichever comes first.
                var wait = _options.Poll;
                foreach (var f in inFlight.Where(f => !slow.Contains(f.DestinationId)))
                {
                    var left = _options.SlowAttempt - Clock.GetElapsedTime(f.StartedAt);
                    if (left > TimeSpan.Zero && left < wait)
                    {
                        wait = left;
                    }
                }

                var wake = signal.WaitAsync(wait, stoppingToken);
                await (inFlight.Count > 0 ? Task.WhenAny(inFlight.Select(f => f.Task).Append(wake)) : wake);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.DeliveryWorkerLoopFailed(logger, ex);
                await Task.Delay(_options.Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        // Attempts cut short by shutdown keep their lease until it expires; the deliveries are then claimed again.
        await Task.WhenAll(inFlight.Select(f => f.Task)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// The attempt; true when it reached its destination's channel and ended within
    /// <see cref="DeliveryOptions.SlowAttempt"/>, which shows the destination is not slow. A claim given back unsent
    /// (circuit open, destination disabled) shows nothing either way.
    /// </summary>
    private async Task<bool> TimedAttemptAsync(IDeliveryStore store, DeliveryRecord delivery, CancellationToken stoppingToken)
    {
        var started = Clock.GetTimestamp();
        var sent = await AttemptAsync(store, delivery, stoppingToken);
        return sent && Clock.GetElapsedTime(started) < _options.SlowAttempt;
    }

    /// <summary>The attempt; true when it went through the channel (whatever the outcome), false when it was given back or cut short.</summary>
    private async Task<bool> AttemptAsync(IDeliveryStore store, DeliveryRecord delivery, CancellationToken stoppingToken)
    {
        try
        {
            var destination = await store.GetDestinationAsync(delivery.DestinationId, stoppingToken);
            var now = Clock.GetUtcNow();
            if (destination is not { IsActive: true })
            {
                // Disabled (or deleted) since the claim: the delivery waits for the destination to be enabled again.
                await store.ReleaseAsync(delivery.Id, _workerId, delivery.LeaseToken, now, CancellationToken.None);
                return false;
            }

            if (!services.Breaker.TryBegin(destination.Id, now))
            {
                EngineMetrics.CircuitRejected.Add(1, new KeyValuePair<string, object?>("webhooks.destination", destination.Id));
                var until = services.Breaker.OpenUntil(destination.Id) ?? now;
                await store.ReleaseAsync(delivery.Id, _workerId, delivery.LeaseToken, until > now ? until : now, CancellationToken.None);
                return false;
            }

            // Started here, not inside an async helper: Activity.Current set in an awaited method does not flow back out,
            // and the channel reads it to send traceparent.
            var (parent, requestId) = await TraceParentAsync(delivery, stoppingToken);
            using var activity = EngineActivities.Source.StartActivity(EngineActivities.DeliveryAttempt, ActivityKind.Producer, parent);
            activity?.SetTag("webhooks.request_id", requestId);
            activity?.SetTag("webhooks.delivery_id", delivery.Id);
            activity?.SetTag("webhooks.destination", delivery.DestinationId);
            activity?.SetTag("webhooks.event_type", delivery.EventType);
            activity?.SetTag("webhooks.delivery.attempt", delivery.Attempts + 1);
            var result = await SendAsync(store, destination, delivery, now, stoppingToken);
            if (result is null)
            {
                return false; // Shutdown: the lease lapses and the delivery is sent again by whoever claims it next.
            }

            await RecordAsync(store, destination, delivery, now, result, activity);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown while reading: the lease lapses and the delivery is claimed again.
            return false;
        }
    }

    private async Task<DeliveryAttemptResult?> SendAsync(
        IDeliveryStore store, DestinationRecord destination, DeliveryRecord delivery, DateTimeOffset now, CancellationToken stoppingToken)
    {
        var (message, error) = await services.Messages.BuildAsync(destination, delivery, now, stoppingToken);
        if (message is null)
        {
            return Failure(error!);
        }

        if (!_channels.TryGetValue(destination.Channel, out var channel))
        {
            return Failure($"no outbound channel '{destination.Channel}' is deployed (add its plugin, such as Delivery.Http)");
        }

        using var renewal = new RenewalTimer(_options.Lease / 3, () =>
            store.RenewLeaseAsync(delivery.Id, _workerId, delivery.LeaseToken, Clock.GetUtcNow() + _options.Lease, CancellationToken.None));
        try
        {
            return await channel.DeliverAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return Failure($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// The parent of the attempt's span: the receipt, named by its event's stored traceparent; and the event's request id.
    /// The event is read only when someone listens.
    /// </summary>
    private async Task<(ActivityContext Parent, string? RequestId)> TraceParentAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        if (!EngineActivities.Source.HasListeners())
        {
            return (default, null);
        }

        var stored = await events.GetEventAsync(delivery.EventId, cancellationToken);
        return stored is null ? (default, null) : (EngineActivities.ParentFrom(stored.Headers), stored.RequestId);
    }

    private async Task RecordAsync(
        IDeliveryStore store, DestinationRecord destination, DeliveryRecord delivery, DateTimeOffset startedAt, DeliveryAttemptResult result, Activity? activity)
    {
        var now = Clock.GetUtcNow();
        var outcome = services.Scheduler.Decide(destination, delivery, result, now);
        var attempt = new DeliveryAttemptRecord(
            delivery.Id, delivery.Attempts + 1, startedAt, result.Duration, result.StatusCode, result.ResponseExcerpt, result.Error);
        var recorded = await store.RecordAttemptAsync(delivery.Id, _workerId, delivery.LeaseToken, attempt, outcome, CancellationToken.None);
        services.Breaker.Record(destination.Id, result.Succeeded, now);
        var status = outcome.Status switch
        {
            DeliveryStatus.Pending => "retrying",
            DeliveryStatus.Failed => "failed",
            _ => "succeeded",
        };
        activity?.SetTag("webhooks.outcome", status);
        activity?.SetTag("http.response.status_code", result.StatusCode);
        if (!result.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        var destinationTag = new KeyValuePair<string, object?>("webhooks.destination", destination.Id);
        var outcomeTag = new KeyValuePair<string, object?>("webhooks.outcome", status);
        EngineMetrics.DeliveryAttempts.Add(1, destinationTag, outcomeTag);
        EngineMetrics.DeliveryDuration.Record(result.Duration.TotalSeconds, destinationTag, outcomeTag);
        if (recorded && outcome.Status == DeliveryStatus.Failed)
        {
            EngineMetrics.DeadLetters.Add(1, destinationTag);
        }

        if (!recorded)
        {
            Log.DeliveryLeaseLost(logger, delivery.Id);
            return;
        }

        Log.DeliveryAttempted(
            logger,
            delivery.Id,
            delivery.EventType,
            destination.Id,
            attempt.Attempt,
            outcome.Status == DeliveryStatus.Pending ? $"retry at {outcome.NextAttemptAt:O}" : outcome.Status.ToString().ToLowerInvariant(),
            result.StatusCode,
            (long)result.Duration.TotalMilliseconds,
            result.Error is null ? string.Empty : $": {result.Error}");
        if (outcome.Status == DeliveryStatus.Failed)
        {
            Log.DeliveryDeadLettered(logger, delivery.Id, destination.Id, attempt.Attempt);
        }

        if (outcome.DisableDestination is { } reason)
        {
            Log.DestinationDisabled(logger, destination.Id, reason);
            await services.Catalog.ReloadAsync(CancellationToken.None);
        }
    }

    private static DeliveryAttemptResult Failure(string error) => new(false, null, TimeSpan.Zero, null, error, null);

    /// <summary>An attempt under way: its task, its destination, and when it started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    private readonly record struct InFlight(Task<bool> Task, string DestinationId, long StartedAt);
}
