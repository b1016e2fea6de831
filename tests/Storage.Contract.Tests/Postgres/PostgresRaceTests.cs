using System.Collections.Concurrent;
using System.Diagnostics;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

/// <summary>What several hosts doing the same thing at once must never see on one PostgreSQL schema.</summary>
public sealed class PostgresRaceTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Eight_workers_on_two_hosts_claim_2000_deliveries_each_exactly_once_within_the_per_destination_limit()
    {
        await using var schema = new PostgresTestSchema();
        var hosts = new[] { await schema.StartHostAsync(), await schema.StartHostAsync() };
        var now = schema.Clock.UtcNow;
        for (var d = 0; d < 10; d++)
        {
            Assert.True(await hosts[0].Deliveries.CreateDestinationAsync(Samples.MinimalDestination("d" + d, now), None));
        }

        for (var batch = 0; batch < 20; batch++)
        {
            var deliveries = Enumerable.Range(0, 100).Select(i => Samples.Delivery("d" + (i % 10), now.AddMilliseconds(-i))).ToArray();
            await hosts[batch % 2].Events.AcceptAsync(Samples.WebhookWith(now, deliveries), None);
        }

        var claims = new ConcurrentBag<DeliveryRecord>();
        var overLimit = 0;
        using var start = new ManualResetEventSlim();
        var watch = new Stopwatch();
        var workers = Enumerable.Range(0, 8)
            .Select(w => Task.Run(async () =>
            {
                start.Wait(Patience);
                var host = hosts[w % 2];
                var emptyInARow = 0;
                while (emptyInARow < 5)
                {
                    var claimed = await host.Deliveries.ClaimDueAsync("worker-" + w, 16, 4, [], now, Lease, None);
                    if (claimed.GroupBy(d => d.DestinationId).Any(g => g.Count() > 4))
                    {
                        Interlocked.Increment(ref overLimit);
                    }

                    foreach (var delivery in claimed)
                    {
                        claims.Add(delivery);
                    }

                    // An empty claim may only mean the rest is locked by another worker's claim for a moment.
                    emptyInARow = claimed.Count == 0 ? emptyInARow + 1 : 0;
                    if (claimed.Count == 0)
                    {
                        await Task.Delay(10);
                    }
                }
            }))
            .ToArray();
        watch.Start();
        start.Set();
        await Task.WhenAll(workers).WaitAsync(Patience);
        watch.Stop();

        Assert.Equal(0, overLimit);
        Assert.Equal(2000, claims.Count);
        Assert.Equal(2000, claims.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(claims, c => Assert.Equal(1, c.LeaseToken));
        output.WriteLine($"8 workers on 2 hosts claimed 2000 deliveries in {watch.ElapsedMilliseconds} ms (claims of 16, 4 per destination)");
    }

    [PostgresFact]
    public async Task Sixteen_callers_on_two_hosts_accept_2000_webhooks_each_once_with_its_run_and_delivery()
    {
        await using var schema = new PostgresTestSchema();
        var hosts = new[] { await schema.StartHostAsync(), await schema.StartHostAsync() };
        var now = schema.Clock.UtcNow;
        Assert.True(await hosts[0].Deliveries.CreateDestinationAsync(Samples.MinimalDestination("d", now), None));
        var webhooks = Enumerable.Range(0, 2000)
            .Select(i => Samples.Webhook(
                now, key: new IdempotencyKey("deploy", "k" + i, now.AddHours(1)), deliveries: [Samples.Delivery("d", now)]))
            .ToArray();
        var next = -1;
        var watch = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, 16)
            .Select(c => Task.Run(async () =>
            {
                var results = new List<AcceptResult>();
                for (var i = Interlocked.Increment(ref next); i < webhooks.Length; i = Interlocked.Increment(ref next))
                {
                    results.Add(await hosts[c % 2].Events.AcceptAsync(webhooks[i], None));
                }

                return results;
            }))
            .ToArray();
        var accepted = (await Task.WhenAll(callers).WaitAsync(Patience)).SelectMany(r => r).ToArray();
        watch.Stop();

        Assert.Equal(2000, accepted.Count(r => r.Accepted));
        Assert.Equal(
            [2000L, 2000L, 2000L, 2000L],
            await schema.ColumnAsync<long>(
                $"""
                SELECT count(*) FROM {schema.Quoted}.events UNION ALL SELECT count(*) FROM {schema.Quoted}.runs
                UNION ALL SELECT count(*) FROM {schema.Quoted}.deliveries UNION ALL SELECT count(*) FROM {schema.Quoted}.idempotency_keys
                """));
        output.WriteLine(
            $"16 callers on 2 hosts accepted 2000 webhooks (event, run, delivery, idempotency key) in {watch.ElapsedMilliseconds} ms: "
            + $"{2000 * 1000 / Math.Max(1, watch.ElapsedMilliseconds)}/s");
    }

    [PostgresFact]
    public async Task Accepts_racing_the_deletion_of_their_destination_never_fail_and_leave_no_delivery_to_it()
    {
        await using var schema = new PostgresTestSchema();
        var accepting = await schema.StartHostAsync();
        var deleting = await schema.StartHostAsync();
        var now = schema.Clock.UtcNow;
        Assert.True(await accepting.Deliveries.CreateDestinationAsync(Samples.MinimalDestination("kept", now), None));

        for (var round = 0; round < 30; round++)
        {
            var doomed = "doomed-" + round;
            Assert.True(await deleting.Deliveries.CreateDestinationAsync(Samples.MinimalDestination(doomed, now), None));
            var webhook = Samples.WebhookWith(now, Samples.Delivery(doomed, now), Samples.Delivery("kept", now));
            using var start = new ManualResetEventSlim();
            var accept = Task.Run(async () =>
            {
                start.Wait(Patience);
                return await accepting.Events.AcceptAsync(webhook, None);
            });
            var delete = Task.Run(async () =>
            {
                start.Wait(Patience);
                return await deleting.Deliveries.DeleteDestinationAsync(doomed, None);
            });
            start.Set();

            // Whichever commits first, neither fails: the delivery is left out, or deleted with its destination.
            Assert.True((await accept.WaitAsync(Patience)).Accepted);
            Assert.True(await delete.WaitAsync(Patience));
            Assert.Empty(await accepting.Deliveries.ListDeliveriesAsync(doomed, 10, None));
            Assert.NotNull(await deleting.Deliveries.GetDeliveryAsync(webhook.Deliveries![1].Id, None));
        }

        Assert.Equal([0L], await schema.ColumnAsync<long>($"SELECT count(*) FROM {schema.Quoted}.deliveries WHERE destination_id LIKE 'doomed-%'"));
    }

    [PostgresFact]
    public async Task A_completion_from_a_host_whose_lease_was_taken_over_changes_nothing_while_the_new_holder_completes()
    {
        await using var schema = new PostgresTestSchema();
        var dead = await schema.StartHostAsync();
        var survivor = await schema.StartHostAsync();
        var accepted = await dead.Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow, runs: 20, maxAttempts: 3), None);
        var lost = await dead.Runs.ClaimAsync("host-a", 20, Lease, None);
        schema.Clock.Advance(Lease);
        var taken = await survivor.Runs.ClaimAsync("host-b", 20, Lease, None);

        // Both finish at once: the late host with its old attempt, the survivor with the new one, each with an outcome.
        var late = lost.Select(r => dead.Runs.CompleteAsync(
            r.Id, "host-a", r.Attempt, Abstractions.Actions.RunResult.Success("late"), Samples.Webhook(schema.Clock.UtcNow, runs: 0, subject: "run.completed"), None));
        var current = taken.Select(r => survivor.Runs.CompleteAsync(
            r.Id, "host-b", r.Attempt, Abstractions.Actions.RunResult.Success("current"), Samples.Webhook(schema.Clock.UtcNow, runs: 0, subject: "run.completed"), None));
        var results = await Task.WhenAll(late.Concat(current)).WaitAsync(Patience);

        Assert.Equal(Enumerable.Repeat(false, 20).Concat(Enumerable.Repeat(true, 20)), results);
        foreach (var id in accepted.RunIds)
        {
            var run = await dead.Runs.GetRunAsync(id, None);
            Assert.Equal("current", run?.Output);
            Assert.Equal(2, run?.Attempt);
        }

        // Only the accepted completions' outcome events were written.
        Assert.Equal(20, (await survivor.Events.ListEventsAsync("run.completed", 100, None)).Count);
    }
}
