using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.Postgres.Deliveries;
using Webhooks.Modular.Storage.Postgres.Runs;
using Xunit.Abstractions;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

/// <summary>
/// The claims stay index-driven with 100,000 rows: they seek the partial indexes of waiting work and never scan the
/// tables. The plans and timings are written to the test output.
/// </summary>
public sealed class PostgresClaimPlanTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [PostgresFact]
    public async Task Claiming_deliveries_among_100k_seeks_each_active_destinations_pending_index()
    {
        await using var schema = new PostgresTestSchema();
        var host = await schema.StartHostAsync();
        var now = schema.Clock.UtcNow;

        // 50 destinations (every tenth disabled), 100,000 deliveries: every fifth to dest-1 (a backlog), 31% pending.
        await schema.ExecuteAsync(
            $$"""
            INSERT INTO {{schema.Quoted}}.events (id, request_id, hook_name, method, path, headers, query, body, received_at)
            VALUES ('00000000-0000-7000-8000-000000000001', 'r', 'h', 'POST', '/', '{}', '{}', '\x', @now);
            INSERT INTO {{schema.Quoted}}.destinations (id, owner, url, method, event_types, is_active, channel, format, signing,
                secrets, headers, retry, created_at, updated_at)
            SELECT 'dest-' || g, 'o', 'http://127.0.0.1:9/', 'POST', '{*}', g % 10 <> 0, 'http', 'standard', 'none', '[]', '{}',
                '{"kind":"none","maxRetries":0,"delaySeconds":0,"scheduleSeconds":null}', @now, @now
            FROM generate_series(1, 50) AS g;
            INSERT INTO {{schema.Quoted}}.deliveries (id, destination_id, event_id, event_type, content_type, body, status, attempts,
                retries, next_attempt_at, lease_token, created_at)
            SELECT 'del-' || lpad(g::text, 7, '0'), CASE WHEN g % 5 = 0 THEN 'dest-1' ELSE 'dest-' || (1 + g % 50) END,
                '00000000-0000-7000-8000-000000000001', 'order.paid', 'application/json', '\x7b7d',
                CASE WHEN g % 5 = 0 OR g % 7 = 0 THEN 'pending' ELSE 'success' END, 0, 0,
                @now - interval '1 hour' + g * interval '1 ms', 0, @now
            FROM generate_series(1, 100000) AS g;
            ANALYZE {{schema.Quoted}}.deliveries;
            ANALYZE {{schema.Quoted}}.destinations;
            """,
            ("now", now));
        var store = (PostgresDeliveryStore)host.Deliveries;

        var plan = await ExplainAsync(
            schema,
            store.ClaimSql,
            ("owner", "w"), ("lease_expires_at", now + Lease), ("now", now), ("per_destination", 8), ("max", 64), ("excluded", new[] { "dest-3" }));
        output.WriteLine(plan);

        Assert.Contains("Index Scan using deliveries_pending on deliveries p", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on deliveries", plan, StringComparison.Ordinal);

        // Claim 200 batches of 64 and finish each, as workers would (so leased deliveries stay few, as the
        // per-destination concurrency keeps them); leases hold, so nothing comes twice.
        var pending = (await schema.ColumnAsync<long>($"SELECT count(*) FROM {schema.Quoted}.deliveries d JOIN {schema.Quoted}.destinations t ON t.id = d.destination_id WHERE d.status = 'pending' AND t.is_active"))[0];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var timings = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var watch = Stopwatch.StartNew();
            var claimed = await host.Deliveries.ClaimDueAsync("w", 64, 8, [], now, Lease, CancellationToken.None);
            timings.Add(watch.Elapsed.TotalMilliseconds);

            // Fewer once most destinations have run dry and only dest-1's backlog (8 a claim) is left.
            Assert.InRange(claimed.Count, 1, 64);

            Assert.All(claimed, d => Assert.True(seen.Add(d.Id), $"{d.Id} was claimed twice"));
            Assert.All(claimed.GroupBy(d => d.DestinationId), g => Assert.True(g.Count() <= 8));
            await schema.ExecuteAsync(
                $"UPDATE {schema.Quoted}.deliveries SET status = 'success', lease_owner = NULL WHERE id = ANY(@ids)",
                ("ids", claimed.Select(d => d.Id).ToArray()));
        }

        Assert.Equal(
            [pending - seen.Count],
            await schema.ColumnAsync<long>(
                $"SELECT count(*) FROM {schema.Quoted}.deliveries d JOIN {schema.Quoted}.destinations t ON t.id = d.destination_id WHERE d.status = 'pending' AND t.is_active AND d.lease_owner IS NULL"));
        output.WriteLine(Figures("delivery claims of 64", timings));

        // Statistics gathered meanwhile (most rows changed) do not turn the claim into a scan.
        await schema.ExecuteAsync($"ANALYZE {schema.Quoted}.deliveries");
        Assert.DoesNotContain(
            "Seq Scan on deliveries",
            await ExplainAsync(
                schema,
                store.ClaimSql,
                ("owner", "w"), ("lease_expires_at", now + Lease), ("now", now), ("per_destination", 8), ("max", 64), ("excluded", Array.Empty<string>())),
            StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Claiming_runs_among_100k_seeks_the_queued_and_leased_indexes()
    {
        await using var schema = new PostgresTestSchema();
        var host = await schema.StartHostAsync();
        var now = schema.Clock.UtcNow;

        // 100,000 runs: 10% queued, 1% running with an expired lease, the rest finished.
        await schema.ExecuteAsync(
            $$"""
            INSERT INTO {{schema.Quoted}}.events (id, request_id, hook_name, method, path, headers, query, body, received_at)
            VALUES ('00000000-0000-7000-8000-000000000001', 'r', 'h', 'POST', '/', '{}', '{}', '\x', @now);
            INSERT INTO {{schema.Quoted}}.runs (id, event_id, request_id, hook_name, action_type, input, status, attempt,
                max_attempts, created_at, available_at, lease_owner, lease_expires_at)
            SELECT 'run-' || lpad(g::text, 7, '0'), '00000000-0000-7000-8000-000000000001', 'r', 'h', 'command', '{}',
                CASE WHEN g % 10 = 0 THEN 'queued' WHEN g % 100 = 1 THEN 'running' ELSE 'succeeded' END,
                CASE WHEN g % 100 = 1 THEN 1 ELSE 0 END, 3,
                @now - interval '1 hour' + g * interval '1 ms', @now - interval '1 hour' + g * interval '1 ms',
                CASE WHEN g % 100 = 1 THEN 'dead-host' END, CASE WHEN g % 100 = 1 THEN @now - interval '1 s' END
            FROM generate_series(1, 100000) AS g;
            ANALYZE {{schema.Quoted}}.runs;
            """,
            ("now", now));
        var queue = (PostgresRunQueue)host.Runs;

        var plan = await ExplainAsync(schema, queue.ClaimSql, ("owner", "w"), ("now", now), ("lease_expires_at", now + Lease), ("max", 32));
        output.WriteLine(plan);

        Assert.Contains("Index Scan using runs_queued on runs", plan, StringComparison.Ordinal);
        Assert.Contains("Index Scan using runs_leased on runs", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on runs", plan, StringComparison.Ordinal);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var timings = new List<double>();
        while (true)
        {
            var watch = Stopwatch.StartNew();
            var claimed = await host.Runs.ClaimAsync("w", 32, Lease, CancellationToken.None);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            if (claimed.Count == 0)
            {
                break;
            }

            Assert.All(claimed, r => Assert.True(seen.Add(r.Id), $"{r.Id} was claimed twice"));
        }

        Assert.Equal(10_000 + 1_000, seen.Count);
        output.WriteLine(Figures("run claims of 32", timings));
    }

    private static async Task<string> ExplainAsync(PostgresTestSchema schema, string sql, params (string Name, object Value)[] parameters)
    {
        // ANALYZE runs the statement: inside a transaction that is rolled back, so nothing is claimed.
        await using var connection = await schema.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        return plan.ToString();
    }

    private static string Figures(string what, List<double> timings)
    {
        var sorted = timings.Order().ToArray();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {sorted.Length} claims, median {sorted[sorted.Length / 2]:F2} ms, p95 {sorted[(int)(sorted.Length * 0.95)]:F2} ms, max {sorted[^1]:F2} ms");
    }
}
