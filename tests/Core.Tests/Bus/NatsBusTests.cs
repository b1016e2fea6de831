using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NATS.Client.JetStream;
using Npgsql;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Bus;

/// <summary>
/// The Bus.Nats plugin on host processes and a real nats-server with JetStream: the outbox relay puts every committed
/// event on the stream once (kill -9, NATS outages and two hosts included), and the durable consumer starts event
/// triggers from what others publish, once per message. One collection: the tests share a NATS server, where two
/// streams may not own the same subjects, so they run one after another, each on a stream of its own.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class NatsBusTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _stream = $"T_{Guid.NewGuid():N}"[..14];
    private readonly string _schema = $"nats_{Guid.NewGuid():N}"[..20];

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [NatsFact]
    public Task An_outside_subscriber_sees_every_accepted_webhooks_event_once_on_its_subject() =>
        AssertEveryEventOnceAsync(liteDb: false);

    // The relay reads Storage.LiteDb's event feed as it reads SQLite's.
    [NatsFact]
    public Task An_outside_subscriber_sees_every_accepted_webhooks_event_once_on_its_subject_on_LiteDb() =>
        AssertEveryEventOnceAsync(liteDb: true);

    private async Task AssertEveryEventOnceAsync(bool liteDb)
    {
        await using var nats = await FreshStreamAsync(NatsFactAttribute.Url!);
        var config = Config(NatsFactAttribute.Url!, liteDb: liteDb);
        await using var host = HostProcess.Start(config);
        await host.WaitUntilReadyAsync();

        var accepted = new ConcurrentDictionary<string, string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var n = worker; n < 40; n += 8)
            {
                var body = $"{{\"n\":{n}}}";
                accepted[await PostAsync(host.Client, body)] = body;
            }
        }));

        var messages = await nats.WaitForAsync(m => accepted.Keys.All(id => m.Any(x => x.MsgId == id)), "event.webhook.orders");
        Assert.Equal(40, messages.Count);
        Assert.Equal(40, messages.Select(m => m.MsgId).Distinct().Count());
        Assert.All(messages, m => Assert.Equal(accepted[m.MsgId!], m.Body));

        // The runs' outcome events follow on their own subjects.
        await nats.WaitForAsync(m => m.Count(x => x.Subject == "run.completed") == 40, "run.>");
    }

    [NatsFact]
    public async Task Kill_9_of_the_host_during_a_burst_loses_no_committed_event()
    {
        await using var nats = await FreshStreamAsync(NatsFactAttribute.Url!);
        var config = Config(NatsFactAttribute.Url!);
        var accepted = new ConcurrentBag<string>();
        var first = HostProcess.Start(config);
        try
        {
            await first.WaitUntilReadyAsync();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < 400)
                {
                    if (n == 200)
                    {
                        first.KillHard();
                    }

                    try
                    {
                        accepted.Add(await PostAsync(first.Client, $"{{\"n\":{n}}}"));
                    }
                    catch (HttpRequestException)
                    {
                        // The host is gone: this webhook was never acknowledged.
                    }
                }
            }));
        }
        finally
        {
            await first.DisposeAsync();
        }

        // Committed is more than acknowledged: a webhook the host committed just before dying is in the store too, and
        // so are the runs' outcome events (run.completed). Every one of them must reach the stream.
        var committed = EventIds(_folder.File("data.db"));
        Assert.Superset(accepted.ToHashSet(), committed.ToHashSet());
        output.WriteLine($"acknowledged {accepted.Count}, committed {committed.Count} before kill -9");
        Assert.True(accepted.Count >= 100, $"only {accepted.Count} webhooks were accepted before the kill");

        await using var second = HostProcess.Start(config);
        await second.WaitUntilReadyAsync();
        IReadOnlyList<NatsStream.Message> messages;
        try
        {
            messages = await nats.WaitForAsync(m => committed.All(id => m.Any(x => x.MsgId == id)));
        }
        catch (TimeoutException)
        {
            var seen = (await nats.ReadAllAsync()).Select(m => m.MsgId).ToHashSet();
            output.WriteLine("missing: " + string.Join(", ", committed.Where(id => !seen.Contains(id)).Take(10)));
            output.WriteLine(second.StandardOutput + second.StandardError);
            throw;
        }

        // Once each (the events committed after the kill by the second host's own runs are on the stream too).
        Assert.Equal(messages.Count, messages.Select(m => m.MsgId).Distinct().Count());
        Assert.Equal(accepted.Count, messages.Count(m => m.Subject == "event.webhook.orders" && accepted.Contains(m.MsgId!)));
    }

    [NatsFact(OwnServer = true)]
    public async Task Events_accepted_while_NATS_is_stopped_all_arrive_once_it_is_back()
    {
        await using var server = await NatsServerProcess.StartAsync();
        await using var nats = new NatsStream(server.Url, _stream);
        var config = Config(server.Url);
        await using var host = HostProcess.Start(config);
        await host.WaitUntilReadyAsync();

        var before = new List<string>();
        for (var n = 0; n < 10; n++)
        {
            before.Add(await PostAsync(host.Client, $"{{\"n\":{n}}}"));
        }

        await nats.WaitForAsync(m => before.All(id => m.Any(x => x.MsgId == id)), "event.webhook.orders");

        await server.StopAsync();
        var during = new List<string>();
        for (var n = 10; n < 30; n++)
        {
            during.Add(await PostAsync(host.Client, $"{{\"n\":{n}}}"));
        }

        // Still accepting, and readiness says the bus is degraded (not down: the store holds the events).
        var ready = await WaitForReadinessAsync(host.Client, "Degraded");
        output.WriteLine(ready);

        await server.StartAgainAsync();
        var messages = await nats.WaitForAsync(m => before.Concat(during).All(id => m.Any(x => x.MsgId == id)), "event.webhook.orders");
        Assert.Equal(30, messages.Count);
        Assert.Equal(30, messages.Select(m => m.MsgId).Distinct().Count());
        await WaitForReadinessAsync(host.Client, "Healthy");
    }

    [NatsFact]
    public async Task An_event_published_from_outside_on_a_watched_subject_starts_exactly_one_run()
    {
        await using var nats = await FreshStreamAsync(NatsFactAttribute.Url!);
        var config = Config(NatsFactAttribute.Url!, subjects: ["event.>", "run.>", "orders.>"], duplicateWindow: "00:00:01");
        await using var host = HostProcess.Start(config);
        await host.WaitUntilReadyAsync();
        var database = _folder.File("data.db");

        // Published before the stream exists would be lost on NATS's side: wait for the relay to declare it.
        await WaitAsync(() => StreamExistsAsync(nats));
        var payload = Encoding.UTF8.GetBytes("""{"order":"A-1","status":"paid"}""");
        var ack = await nats.JetStream.PublishAsync("orders.created", payload, opts: new NatsJSPubOpts { MsgId = "order-A-1" });
        ack.EnsureSuccess();
        await WaitAsync(() => Task.FromResult(Runs(database, "on-order") == 1));

        // The same message again after JetStream's duplicate window (so the stream takes it): the store knows its id.
        NATS.Client.JetStream.Models.PubAckResponse again;
        do
        {
            again = await nats.JetStream.PublishAsync("orders.created", payload, opts: new NatsJSPubOpts { MsgId = "order-A-1" });
            Assert.Null(again.Error);
            if (again.Duplicate)
            {
                await Task.Delay(200);
            }
        }
        while (again.Duplicate);

        await WaitAsync(async () => (await nats.JetStream.GetConsumerAsync(_stream, "webhooks")).Info.AckFloor.StreamSeq >= again.Seq);
        Assert.Equal(1, Runs(database, "on-order"));
        Assert.Equal(1L, StoredRows.Scalar(database, "SELECT COUNT(*) FROM events WHERE subject = 'orders.created'"));

        // Another message (no id of its own) is another event: one more run. The trigger's own outcome event
        // (run.completed) is not sent back to NATS as a new message twice.
        var other = await nats.JetStream.PublishAsync("orders.created", Encoding.UTF8.GetBytes("""{"order":"A-2"}"""));
        other.EnsureSuccess();
        await WaitAsync(() => Task.FromResult(Runs(database, "on-order") == 2));
        await WaitAsync(async () => (await nats.JetStream.GetConsumerAsync(_stream, "webhooks")).Info.NumAckPending == 0);
        Assert.Equal(2, Runs(database, "on-order"));
        var onStream = await nats.ReadAllAsync("orders.>");
        Assert.Equal(3, onStream.Count);
    }

    [NatsFact(Postgres = true)]
    public async Task Two_hosts_on_one_database_and_one_NATS_relay_each_event_once()
    {
        await using var nats = await FreshStreamAsync(NatsFactAttribute.Url!);
        var config = Config(NatsFactAttribute.Url!, postgres: true);
        await using var a = HostProcess.Start(config);
        await using var b = HostProcess.Start(config);
        await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());

        var accepted = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var n = worker; n < 200; n += 8)
            {
                accepted.Add(await PostAsync((n % 2 == 0 ? a : b).Client, $"{{\"n\":{n}}}"));
            }
        }));

        var messages = await nats.WaitForAsync(m => accepted.All(id => m.Any(x => x.MsgId == id)), "event.webhook.orders");
        Assert.Equal(200, messages.Count);
        Assert.Equal(200, messages.Select(m => m.MsgId).Distinct().Count());

        // Every event either host committed (webhooks and the runs' run.completed) is on the stream, once.
        var stored = new List<string>();
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using (var select = new NpgsqlCommand($"SELECT id FROM {_schema}.events", connection))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetGuid(0).ToString());
            }
        }

        var all = await nats.WaitForAsync(m => stored.All(id => m.Any(x => x.MsgId == id)));
        Assert.Equal(all.Count, all.Select(m => m.MsgId).Distinct().Count());
    }

    private string Config(string url, string[]? subjects = null, string? duplicateWindow = null, bool postgres = false, bool liteDb = false)
    {
        var bus = new Dictionary<string, object> { ["url"] = url, ["stream"] = _stream };
        if (subjects is not null)
        {
            bus["subjects"] = subjects;
        }

        if (duplicateWindow is not null)
        {
            bus["duplicateWindow"] = duplicateWindow;
        }

        object storage = postgres
            ? new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } }
            : liteDb ? new { name = "Storage.LiteDb", settings = new { path = "data.litedb" } }
            : new { name = "Storage.Sqlite", settings = new { path = "data.db" } };
        return _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[] { storage, new { name = "Actions.Command" }, new { name = "Bus.Nats", settings = bus } },
            hooks = new object[]
            {
                new { name = "orders", auth = new { scheme = "none" }, action = new { type = "command", settings = new { command = "true" } } },
                new { name = "on-order", subject = "orders.created", action = new { type = "command", settings = new { command = "true" } } },
            },
        }));
    }

    private async Task<NatsStream> FreshStreamAsync(string url)
    {
        var nats = new NatsStream(url, _stream);

        // A stream an earlier (failed) run left behind would own the same subjects and refuse ours.
        await foreach (var name in nats.JetStream.ListStreamNamesAsync())
        {
            if (name.StartsWith("T_", StringComparison.Ordinal))
            {
                await new NatsStream(url, name).DeleteIfExistsAsync();
            }
        }

        return nats;
    }

    private static async Task<bool> StreamExistsAsync(NatsStream nats)
    {
        try
        {
            await nats.JetStream.GetStreamAsync(nats.Name);
            return true;
        }
        catch (NatsJSApiException)
        {
            return false;
        }
    }

    private static async Task<string> PostAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/hooks/orders", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString()!;
    }

    private static List<string> EventIds(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM events";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static int Runs(string database, string hook) =>
        (int)StoredRows.Scalar(database, $"SELECT COUNT(*) FROM runs WHERE hook_name = '{hook}'");

    private static async Task<string> WaitForReadinessAsync(HttpClient client, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync("/readyz");
            var report = JsonDocument.Parse(last).RootElement;
            if (report.GetProperty("checks").GetProperty("Bus.Nats").GetProperty("status").GetString() == status)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Bus.Nats never became {status}: {last}");
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the condition did not hold in 120 s");
    }
}
