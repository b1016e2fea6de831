using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Queries;

/// <summary>
/// <see cref="IEventQueries"/>, <see cref="IRunQueries"/> and <see cref="IDeliveryQueries"/>: every filter narrows,
/// lists are newest first by (time, id), and walking pages by <see cref="PageKey"/> yields every row once even when
/// rows share a time.
/// </summary>
public sealed class ManagementQueryContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Events_are_filtered_by_hook_subject_request_and_time_and_paged_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var queries = stores.Required<IEventQueries>();
        var t0 = stores.Clock.UtcNow;
        var alpha = new List<AcceptedWebhook>();
        for (var i = 0; i < 5; i++)
        {
            // Two pairs share a receipt time: the id decides their order, and paging must not lose either.
            var webhook = Samples.Webhook(t0.AddSeconds(i / 2), runs: 0, hook: "alpha");
            alpha.Add(webhook);
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
        }

        var beta = Samples.Webhook(t0.AddSeconds(1), runs: 0, hook: "beta", subject: "order.paid");
        Assert.True((await stores.Events.AcceptAsync(beta, None)).Accepted);
        var expected = alpha.OrderByDescending(w => w.Event.ReceivedAt).ThenByDescending(w => w.Event.Id.ToString()).Select(w => w.Event.Id).ToList();

        var walked = new List<Guid>();
        PageKey? after = null;
        var pages = 0;
        while (true)
        {
            var page = await queries.QueryEventsAsync(new EventQuery { HookName = "alpha", Limit = 2, After = after }, None);
            Assert.InRange(page.Count, 0, 2);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            walked.AddRange(page.Select(e => e.Id));
            after = new PageKey(page[^1].ReceivedAt, page[^1].Id.ToString());
        }

        Assert.Equal(expected, walked);
        Assert.Equal(3, pages);
        Samples.AssertSame(alpha[4].Event, (await queries.QueryEventsAsync(new EventQuery { HookName = "alpha", Limit = 1 }, None)).Single());
        Assert.Equal([beta.Event.Id], (await queries.QueryEventsAsync(new EventQuery { Subject = "order.paid" }, None)).Select(e => e.Id));
        Assert.Equal([alpha[2].Event.Id], (await queries.QueryEventsAsync(new EventQuery { RequestId = alpha[2].Event.RequestId }, None)).Select(e => e.Id));
        var window = await queries.QueryEventsAsync(new EventQuery { From = t0.AddSeconds(1), To = t0.AddSeconds(2) }, None);
        Assert.Equal(
            new[] { alpha[2].Event.Id, alpha[3].Event.Id, beta.Event.Id }.Order(),
            window.Select(e => e.Id).Order());
        Assert.Equal(6, (await queries.QueryEventsAsync(new EventQuery { Limit = 100 }, None)).Count);
        Assert.Empty(await queries.QueryEventsAsync(new EventQuery { HookName = "nobody" }, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Runs_are_filtered_by_hook_status_event_request_and_time_and_paged_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var queries = stores.Required<IRunQueries>();
        var t0 = stores.Clock.UtcNow;
        var first = Samples.Webhook(t0, runs: 2, hook: "alpha");
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);
        stores.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = Samples.Webhook(stores.Clock.UtcNow, runs: 1, hook: "beta");
        Assert.True((await stores.Events.AcceptAsync(second, None)).Accepted);
        var claimed = await stores.Runs.ClaimAsync("w", 1, TimeSpan.FromMinutes(1), None);
        Assert.True(await stores.Runs.CompleteAsync(claimed[0].Id, "w", 1, new RunResult(false, 2, "out", "boom"), null, None));

        var all = await queries.QueryRunsAsync(new RunQuery(), None);
        Assert.Equal(3, all.Count);
        Assert.Equal(second.Runs[0].Id, all[0].Id);
        Assert.Equal(first.Runs.Select(r => r.Id).Order(StringComparer.Ordinal).Reverse(), all.Skip(1).Select(r => r.Id));

        var failed = Assert.Single(await queries.QueryRunsAsync(new RunQuery { Status = RunStatus.Failed }, None));
        Assert.Equal((claimed[0].Id, "boom", "out"), (failed.Id, failed.Error, failed.Output));
        Assert.Equal(2, (await queries.QueryRunsAsync(new RunQuery { Status = RunStatus.Queued }, None)).Count);
        Assert.Equal([second.Runs[0].Id], (await queries.QueryRunsAsync(new RunQuery { HookName = "beta" }, None)).Select(r => r.Id));
        Assert.Equal(2, (await queries.QueryRunsAsync(new RunQuery { EventId = first.Event.Id }, None)).Count);
        Assert.Equal(2, (await queries.QueryRunsAsync(new RunQuery { RequestId = first.Event.RequestId }, None)).Count);
        Assert.Equal([second.Runs[0].Id], (await queries.QueryRunsAsync(new RunQuery { From = t0.AddSeconds(5) }, None)).Select(r => r.Id));
        Assert.Equal(2, (await queries.QueryRunsAsync(new RunQuery { To = t0.AddSeconds(5) }, None)).Count);

        var page = await queries.QueryRunsAsync(new RunQuery { Limit = 2 }, None);
        var rest = await queries.QueryRunsAsync(new RunQuery { After = new PageKey(page[^1].CreatedAt, page[^1].Id) }, None);
        Assert.Equal(all.Select(r => r.Id), page.Concat(rest).Select(r => r.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Deliveries_are_filtered_by_destination_status_event_and_time_and_the_last_success_is_known(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var queries = stores.Required<IDeliveryQueries>();
        var t0 = stores.Clock.UtcNow;
        Assert.True(await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d1", t0), None));
        Assert.True(await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d2", t0), None));
        var early = await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, t0, Samples.Delivery("d1", t0), Samples.Delivery("d2", t0));
        stores.Clock.Advance(TimeSpan.FromSeconds(10));
        var late = await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, stores.Clock.UtcNow, Samples.Delivery("d1", t0));

        Assert.Empty(await queries.ListLastSuccessesAsync(None));
        var claimed = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, ["d1"], stores.Clock.UtcNow, TimeSpan.FromMinutes(1), None));
        Assert.Equal(early[1].Id, claimed.Id);
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            claimed.Id, "w", claimed.LeaseToken, new DeliveryAttemptRecord(claimed.Id, 1, stores.Clock.UtcNow, TimeSpan.FromMilliseconds(5), 200, "ok", null),
            new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
        var completedAt = (await stores.Deliveries.GetDeliveryAsync(claimed.Id, None))!.CompletedAt;

        Assert.Equal([late[0].Id, early[0].Id], (await queries.QueryDeliveriesAsync(new DeliveryQuery { DestinationId = "d1" }, None)).Select(d => d.Id));
        Assert.Equal([early[1].Id], (await queries.QueryDeliveriesAsync(new DeliveryQuery { Status = DeliveryStatus.Success }, None)).Select(d => d.Id));
        Assert.Equal(2, (await queries.QueryDeliveriesAsync(new DeliveryQuery { Status = DeliveryStatus.Pending }, None)).Count);
        Assert.Equal([early[0].Id], (await queries.QueryDeliveriesAsync(new DeliveryQuery { EventId = early[0].EventId }, None)).Select(d => d.Id));
        Assert.Equal([late[0].Id], (await queries.QueryDeliveriesAsync(new DeliveryQuery { From = t0.AddSeconds(5) }, None)).Select(d => d.Id));
        Assert.Equal(2, (await queries.QueryDeliveriesAsync(new DeliveryQuery { To = t0.AddSeconds(5) }, None)).Count);
        var first = Assert.Single(await queries.QueryDeliveriesAsync(new DeliveryQuery { Limit = 1 }, None));
        Assert.Equal(late[0].Id, first.Id);
        var rest = await queries.QueryDeliveriesAsync(new DeliveryQuery { After = new PageKey(first.CreatedAt, first.Id) }, None);
        Assert.Equal(new[] { early[0].Id, early[1].Id }.Order(StringComparer.Ordinal).Reverse(), rest.Select(d => d.Id));

        var successes = await queries.ListLastSuccessesAsync(None);
        Assert.Equal(["d2"], successes.Keys);
        Assert.Equal(completedAt, successes["d2"]);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Hook_activity_counts_events_runs_and_failures_with_the_latest_times(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var queries = stores.Required<IEventQueries>();
        var t0 = stores.Clock.UtcNow;
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(t0, runs: 1, hook: "alpha"), None)).Accepted);
        stores.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(t0.AddSeconds(3), runs: 2, hook: "alpha"), None)).Accepted);
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(t0.AddSeconds(1), runs: 0, hook: "beta"), None)).Accepted);
        var claimed = await stores.Runs.ClaimAsync("w", 1, TimeSpan.FromMinutes(1), None);
        Assert.True(await stores.Runs.CompleteAsync(claimed[0].Id, "w", 1, new RunResult(false, 1, string.Empty, "boom"), null, None));

        var activity = await queries.ListHookActivityAsync(None);

        Assert.Equal(
            [new HookActivity("alpha", 2, t0.AddSeconds(3), 3, 1, t0.AddSeconds(3)), new HookActivity("beta", 1, t0.AddSeconds(1), 0, 0, null)],
            activity);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Payload_search_finds_events_whose_body_holds_the_text_exactly_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var search = stores.Required<IEventSearch>();
        var t0 = stores.Clock.UtcNow;
        var older = Samples.Webhook(t0, runs: 0, hook: "alpha");
        var newer = Samples.Webhook(t0.AddSeconds(1), runs: 0, hook: "beta");
        var other = Samples.Webhook(t0.AddSeconds(2), runs: 0, hook: "gamma");
        foreach (var webhook in new[] { older, newer, other })
        {
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
        }

        // Sample bodies are {"hook":"<name>","id":"<event id>"}.
        Assert.Equal([newer.Event.Id], (await search.SearchEventBodiesAsync("\"beta\"", 10, None)).Select(e => e.Id));
        Assert.Equal([older.Event.Id], (await search.SearchEventBodiesAsync(older.Event.Id.ToString(), 10, None)).Select(e => e.Id));
        Assert.Equal([other.Event.Id, newer.Event.Id], (await search.SearchEventBodiesAsync("\"hook\"", 2, None)).Select(e => e.Id));
        Assert.Empty(await search.SearchEventBodiesAsync("\"BETA\"", 10, None)); // case-sensitive, byte for byte
        Assert.Empty(await search.SearchEventBodiesAsync("nowhere", 10, None));
    }
}
