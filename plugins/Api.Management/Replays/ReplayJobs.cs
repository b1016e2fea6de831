using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Diagnostics;

namespace Webhooks.Modular.Api.Management.Replays;

/// <summary>
/// Bulk replays, run in the background on this host: walk a destination's failed deliveries in the window, newest
/// first, page by page with a keyset cursor (so a replayed delivery that fails again is behind the cursor and not
/// met twice), and replay each through the engine's <see cref="IDestinationManager.ReplayAsync"/>. The job's own
/// set of ids makes it replay a delivery at most once. Jobs live in memory: the latest <see cref="MaxJobs"/> are kept.
/// </summary>
internal sealed class ReplayJobs(IHostApplicationLifetime lifetime, ILogger<ReplayJobs> logger, TimeProvider? clock = null)
{
    public const int MaxJobs = 100;
    private const int PageSize = 200;
    private readonly ConcurrentDictionary<string, ReplayJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ReplayJob Start(
        IDeliveryQueries queries, IDestinationManager destinations, string destinationId, DateTimeOffset? from, DateTimeOffset? to, string createdBy)
    {
        var job = new ReplayJob(Guid.CreateVersion7(_clock.GetUtcNow()).ToString(), destinationId, from, to, createdBy, _clock.GetUtcNow());
        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        Trim();
        _ = Task.Run(() => RunAsync(job, queries, destinations, destinationId, from, to));
        return job;
    }

    public ReplayJob? Find(string id) => _jobs.GetValueOrDefault(id);

    public IReadOnlyList<ReplayJob> List() => _jobs.Values.OrderByDescending(j => j.Id, StringComparer.Ordinal).ToList();

    private async Task RunAsync(
        ReplayJob job, IDeliveryQueries queries, IDestinationManager destinations, string destinationId, DateTimeOffset? from, DateTimeOffset? to)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(job.Cancellation, lifetime.ApplicationStopping);
        var cancellation = linked.Token;
        try
        {
            PageKey? after = null;
            while (true)
            {
                var page = await queries.QueryDeliveriesAsync(
                    new DeliveryQuery { DestinationId = destinationId, Status = DeliveryStatus.Failed, From = from, To = to, After = after, Limit = PageSize },
                    cancellation).ConfigureAwait(false);
                foreach (var delivery in page)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (!job.Claim(delivery.Id))
                    {
                        continue;
                    }

                    if (await destinations.ReplayAsync(delivery.Id, cancellation).ConfigureAwait(false))
                    {
                        job.Replayed();
                    }
                    else
                    {
                        job.Skipped();
                    }
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                after = new PageKey(page[^1].CreatedAt, page[^1].Id);
            }

            job.Finish(ReplayJobStatus.Completed, _clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            job.Finish(ReplayJobStatus.Cancelled, _clock.GetUtcNow());
        }
#pragma warning disable CA1031 // A background job must record its failure, whatever it is, rather than vanish.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReplayJobFailed(logger, ex, job.Id, destinationId);
            job.Finish(ReplayJobStatus.Failed, _clock.GetUtcNow(), ex.Message);
        }
    }

    // Forget the oldest finished jobs beyond the bound; running ones are kept (they are few: each is one request's).
    private void Trim()
    {
        var passes = _order.Count;
        while (_jobs.Count > MaxJobs && passes-- > 0 && _order.TryDequeue(out var oldest))
        {
            if (_jobs.TryGetValue(oldest, out var job) && job.IsRunning)
            {
                _order.Enqueue(oldest);
                continue;
            }

            _jobs.TryRemove(oldest, out _);
        }
    }
}
