using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Runs;

/// <summary>
/// <see cref="RunRecord.Number"/>: every run gets a positive integer when it is accepted, unique in the database,
/// larger than the numbers of runs accepted before, and the same whichever host reads it.
/// </summary>
public sealed class RunNumberContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Runs_are_numbered_from_one_and_each_acceptance_numbers_above_the_previous(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var batches = new List<long[]>();
        foreach (var runs in new[] { 1, 3, 2, 1 })
        {
            var webhook = Samples.Webhook(stores.Clock.UtcNow, runs: runs);
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
            batches.Add(await NumbersAsync(stores.Runs, webhook.Runs.Select(r => r.Id)));
        }

        // A fresh database: 1..7 with no gap, each acceptance above the one before.
        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), batches.SelectMany(b => b).Order());
        for (var i = 1; i < batches.Count; i++)
        {
            Assert.True(batches[i].Min() > batches[i - 1].Max(), $"batch {i}: [{string.Join(", ", batches[i])}] after [{string.Join(", ", batches[i - 1])}]");
        }
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_run_keeps_its_number_through_claim_completion_listing_and_on_another_host(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow), None);
        var webhook = Samples.Webhook(stores.Clock.UtcNow);
        await stores.Events.AcceptAsync(webhook, None);
        var runId = webhook.Runs[0].Id;
        var number = (await stores.Runs.GetRunAsync(runId, None))!.Number;
        Assert.Equal(2, number);

        var claimed = await other.Runs.ClaimAsync("w", 10, Lease, None);
        Assert.Equal(number, Assert.Single(claimed, r => r.Id == runId).Number);
        Assert.True(await other.Runs.CompleteAsync(runId, "w", 1, RunResult.Success("ok"), null, None));

        Assert.Equal(number, (await stores.Runs.GetRunAsync(runId, None))!.Number);
        Assert.Equal(number, (await other.Runs.GetRunAsync(runId, None))!.Number);
        Assert.Equal(number, Assert.Single(await stores.Runs.ListRunsAsync("deploy", 10, None), r => r.Id == runId).Number);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_acceptance_refused_as_a_duplicate_takes_no_number_that_a_later_run_repeats(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var key = new IdempotencyKey("deploy", "k", stores.Clock.UtcNow.AddHours(1));
        var first = Samples.Webhook(stores.Clock.UtcNow, runs: 2, key: key);
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);
        Assert.False((await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, runs: 2, key: key), None)).Accepted);
        var later = Samples.Webhook(stores.Clock.UtcNow);
        Assert.True((await stores.Events.AcceptAsync(later, None)).Accepted);

        var before = await NumbersAsync(stores.Runs, first.Runs.Select(r => r.Id));
        var after = (await stores.Runs.GetRunAsync(later.Runs[0].Id, None))!.Number;

        // Gaps are allowed (a refused acceptance may use numbers up); repeats and going back are not.
        Assert.True(after > before.Max(), $"{after} after [{string.Join(", ", before)}]");
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Two_hosts_accepting_at_once_give_every_run_its_own_number_in_each_hosts_order(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        const int PerHost = 25;
        var accepted = new ConcurrentDictionary<(int Host, int Index), IReadOnlyList<string>>();
        using var start = new ManualResetEventSlim();

        // Each host accepts its requests one after another, while the other host does the same.
        var hosts = new[] { stores.Host, other };
        var racing = hosts
            .Select((host, h) => Task.Run(async () =>
            {
                start.Wait(Patience);
                for (var i = 0; i < PerHost; i++)
                {
                    var webhook = Samples.Webhook(stores.Clock.UtcNow, runs: 1 + (i % 3));
                    Assert.True((await host.Events.AcceptAsync(webhook, None)).Accepted);
                    accepted[(h, i)] = webhook.Runs.Select(r => r.Id).ToArray();
                }
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(racing).WaitAsync(Patience);

        var numbers = new Dictionary<(int Host, int Index), long[]>();
        foreach (var (at, runIds) in accepted)
        {
            numbers[at] = await NumbersAsync(hosts[1 - at.Host].Runs, runIds); // read on the other host
        }

        var all = numbers.Values.SelectMany(n => n).ToArray();
        Assert.Equal(accepted.Values.Sum(ids => ids.Count), all.Length);
        Assert.All(all, n => Assert.True(n > 0, $"number {n}"));
        Assert.Equal(all.Length, all.Distinct().Count());
        for (var h = 0; h < hosts.Length; h++)
        {
            for (var i = 1; i < PerHost; i++)
            {
                // Acceptance i began after i - 1 had committed, so its numbers are all larger.
                Assert.True(numbers[(h, i)].Min() > numbers[(h, i - 1)].Max(), $"host {h}, request {i}");
            }
        }

        // Once both are done, the next run on either host is above every number given.
        var next = Samples.Webhook(stores.Clock.UtcNow);
        await other.Events.AcceptAsync(next, None);
        Assert.True((await stores.Runs.GetRunAsync(next.Runs[0].Id, None))!.Number > all.Max());
    }

    private static async Task<long[]> NumbersAsync(IRunQueue runs, IEnumerable<string> runIds)
    {
        var numbers = new List<long>();
        foreach (var runId in runIds)
        {
            var run = await runs.GetRunAsync(runId, None);
            Assert.NotNull(run);
            numbers.Add(run.Number);
        }

        return [.. numbers];
    }
}
