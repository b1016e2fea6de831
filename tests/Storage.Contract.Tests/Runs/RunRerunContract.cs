using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Runs;

/// <summary>
/// <see cref="IRunReruns"/>: a re-run is a new queued run of the original's event, hook, action and input, numbered
/// after it, linked by <see cref="RunRecord.RerunOf"/>, claimed like any run, and listed under the original.
/// </summary>
public sealed class RunRerunContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore]
    public async Task A_rerun_is_a_new_queued_copy_linked_to_the_original_and_claimed_like_any_run(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var reruns = stores.Required<IRunReruns>();
        var webhook = Samples.Webhook(stores.Clock.UtcNow, runs: 2);
        await stores.Events.AcceptAsync(webhook, None);
        var claimed = await stores.Runs.ClaimAsync("worker-1", 10, Lease, None);
        var original = claimed.Single(r => r.Id == webhook.Runs[0].Id);
        Assert.True(await stores.Runs.CompleteAsync(original.Id, "worker-1", 1, new RunResult(false, 3, "out", "exit 3"), null, None));
        Assert.Null(original.RerunOf);

        stores.Clock.Advance(TimeSpan.FromMinutes(5));
        var newId = Guid.CreateVersion7().ToString();
        var rerun = await reruns.RerunAsync(original.Id, newId, None);

        Assert.NotNull(rerun);
        Assert.Equal(
            (newId, original.EventId, original.RequestId, original.HookName, original.ActionType, original.Input, original.MaxAttempts),
            (rerun.Id, rerun.EventId, rerun.RequestId, rerun.HookName, rerun.ActionType, rerun.Input, rerun.MaxAttempts));
        Assert.Equal((RunStatus.Queued, 0, stores.Clock.UtcNow, original.Id), (rerun.Status, rerun.Attempt, rerun.CreatedAt, rerun.RerunOf));
        Assert.Null(rerun.StartedAt);
        Assert.Null(rerun.FinishedAt);
        Assert.Null(rerun.Output);
        Assert.Null(rerun.Error);
        Assert.True(rerun.Number > claimed.Max(r => r.Number), $"re-run number {rerun.Number} is after the runs before it");
        Assert.Equal(rerun, await stores.Runs.GetRunAsync(newId, None));

        // The original is unchanged; the worker claims the copy.
        var after = await stores.Runs.GetRunAsync(original.Id, None);
        Assert.Equal((RunStatus.Failed, "exit 3", (string?)null), (after!.Status, after.Error, after.RerunOf));
        var next = Assert.Single(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None), r => r.Id == newId);
        Assert.Equal((RunStatus.Running, 1, original.Id), (next.Status, next.Attempt, next.RerunOf));

        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await reruns.RerunAsync(original.Id, Guid.CreateVersion7().ToString(), None);
        Assert.Equal([newId, second!.Id], (await reruns.ListRerunsAsync(original.Id, None)).Select(r => r.Id));
        Assert.Empty(await reruns.ListRerunsAsync(webhook.Runs[1].Id, None));
        Assert.Contains(
            (await stores.Required<IRunQueries>().QueryRunsAsync(new RunQuery { EventId = original.EventId }, None)),
            r => r.Id == newId && r.RerunOf == original.Id);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Rerunning_an_unknown_run_writes_nothing(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var reruns = stores.Required<IRunReruns>();
        var newId = Guid.CreateVersion7().ToString();

        Assert.Null(await reruns.RerunAsync("no-such-run", newId, None));
        Assert.Null(await stores.Runs.GetRunAsync(newId, None));
        Assert.Empty(await reruns.ListRerunsAsync("no-such-run", None));
    }
}
