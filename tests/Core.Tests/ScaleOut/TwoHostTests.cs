using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.ScaleOut;

/// <summary>
/// Two host processes on one PostgreSQL database: 10,000 webhooks posted across both (a client that fails over,
/// as a load balancer does), one host killed with -9 half way; every accepted webhook has exactly one run, and
/// every delivery arrives.
/// </summary>
public sealed class TwoHostTests(ITestOutputHelper output) : IDisposable
{
    private const int Webhooks = 10_000;
    private const int DeliveryConcurrency = 8;
    private readonly TempFolder _folder = new();
    private readonly string _schema = $"scale_{Guid.NewGuid():N}"[..20];

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [PostgresFact]
    public async Task Ten_thousand_webhooks_across_two_hosts_run_once_each_and_are_all_delivered_when_one_host_is_killed()
    {
        await using var receiver = await Receiver.StartAsync();
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } },
                new { name = "Actions.Command" },
                new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } },
            },
            hooks = new object[]
            {
                new { name = "orders", auth = new { scheme = "none" }, action = new { type = "command", settings = new { command = "true" } } },
            },
            runs = new { concurrency = 4, leaseSeconds = 3, pollMilliseconds = 200 },
            delivery = new { concurrency = DeliveryConcurrency, perDestinationConcurrency = DeliveryConcurrency, leaseSeconds = 3, pollMilliseconds = 200, refreshSeconds = 1 },
        }));
        var created = await HostCommand.RunAsync(config, "destination", "create", "--url", receiver.Url.ToString(), "--events", "event.webhook.orders");
        Assert.True(created.ExitCode == 0, created.Error);

        var a = HostProcess.Start(config);
        await using var b = HostProcess.Start(config);
        var accepted = new ConcurrentDictionary<int, HttpStatusCode>();
        try
        {
            await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());
            var next = -1;
            var killed = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < Webhooks)
                {
                    if (n == Webhooks / 2 && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        a.KillHard();
                    }

                    accepted[n] = await PostAsync(n % 2 == 0 && Volatile.Read(ref killed) == 0 ? a : b, b, n);
                }
            }));
        }
        finally
        {
            if (!a.HasExited)
            {
                a.KillHard();
            }

            await a.DisposeAsync();
        }

        // 200 every time: when the host that died had committed a webhook before the client heard back, the retry on
        // the other host carried the same Idempotency-Key and body, and is answered as a replay of the first answer.
        Assert.All(accepted.Values, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(Webhooks, accepted.Count);

        await WaitAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM runs WHERE status IN ('queued', 'running')") == 0 && Distinct(receiver) == Webhooks);

        Assert.Equal(Webhooks, await ScalarAsync("SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH'"));
        Assert.Equal(Webhooks, await ScalarAsync("SELECT COUNT(*) FROM runs WHERE hook_name = 'orders'"));
        Assert.Equal(0, await ScalarAsync(
            "SELECT COUNT(*) FROM (SELECT event_id FROM runs WHERE hook_name = 'orders' GROUP BY event_id HAVING COUNT(*) <> 1) AS wrong"));
        Assert.Equal(Webhooks, await ScalarAsync("SELECT COUNT(*) FROM runs WHERE hook_name = 'orders' AND status = 'succeeded'"));
        Assert.Equal(Webhooks, await ScalarAsync("SELECT COUNT(*) FROM deliveries WHERE status = 'success'"));

        // At least once for every delivery; twice only for those the killed host had in flight, whose leases expired.
        Assert.Equal(Webhooks, Distinct(receiver));
        var duplicates = receiver.Requests.Count - Distinct(receiver);
        output.WriteLine(
            $"accepted {accepted.Values.Count(s => s == HttpStatusCode.OK)} (200, replays after fail-over included); " +
            $"runs {Webhooks}; deliveries received {receiver.Requests.Count}, duplicates {duplicates}");
        Assert.True(duplicates <= DeliveryConcurrency, $"{duplicates} deliveries arrived twice; only the killed host's {DeliveryConcurrency} in-flight ones may");
    }

    private static async Task<HttpStatusCode> PostAsync(HostProcess preferred, HostProcess fallback, int n)
    {
        foreach (var host in preferred == fallback ? [fallback] : new[] { preferred, fallback })
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders")
                {
                    Content = new StringContent($"{{\"n\":{n}}}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", $"order-{n}");
                using var response = await host.Client.SendAsync(request);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (host != fallback)
            {
                // The preferred host is gone: fail over, as a load balancer would.
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static int Distinct(Receiver receiver) =>
        receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("n").GetInt32()).Distinct().Count();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET search_path TO {_schema}; {sql}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the surviving host did not finish the work within 5 minutes");
            }

            await Task.Delay(500);
        }
    }
}
