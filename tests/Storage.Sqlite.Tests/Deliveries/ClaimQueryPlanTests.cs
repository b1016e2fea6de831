using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Storage.Sqlite.Deliveries;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;
using Xunit.Abstractions;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class ClaimQueryPlanTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Claim_seeks_the_pending_index_per_destination_and_never_scans_deliveries()
    {
        await using var db = TestDatabase.Create();
        await db.Database.InitializeAsync(None);

        var plan = await ExplainClaimAsync(db);

        output.WriteLine(string.Join(Environment.NewLine, plan));
        Assert.Contains(plan, line => line.Contains("SEARCH p USING INDEX deliveries_pending (destination_id=? AND next_attempt_at<?)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("SEARCH d USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal));
        Assert.Contains("SCAN dest", plan);

        // A scan of deliveries under any of its names (an index scan too) would walk the whole table.
        Assert.DoesNotContain(plan, line => Regex.IsMatch(line, @"^SCAN (d|p|deliveries)\b", RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Claim_among_100k_deliveries_finds_the_few_due_of_each_destination()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("busy", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("quiet", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("excluded", now), None);
        await db.Events.AcceptAsync(SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("quiet", now, "quiet-1")), None);
        var eventId = (string)(await db.ScalarAsync("SELECT id FROM events"))!;

        // 60,000 finished deliveries, a backlog of 30,000 due for one destination, 10,000 for an excluded one: the
        // quiet destination's single delivery is due last of all.
        var nowMs = now.ToUnixTimeMilliseconds();
        await db.Database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                    INSERT INTO deliveries (id, destination_id, event_id, event_type, content_type, body, status, attempts, retries,
                        next_attempt_at, lease_token, created_at)
                    SELECT printf('bulk-%06d', i),
                        CASE WHEN i <= 90000 THEN 'busy' ELSE 'excluded' END,
                        '{eventId}', 'order.paid', 'application/json', x'7b7d',
                        CASE WHEN i <= 60000 THEN 'success' ELSE 'pending' END,
                        1, 0, {nowMs} - 200000 + i, 0, {nowMs}
                    FROM n
                    """;
                return command.ExecuteNonQuery();
            },
            None);
        Assert.Equal(100_001L, await db.CountAsync("deliveries"));

        var stopwatch = Stopwatch.StartNew();
        var claimed = await db.Deliveries.ClaimDueAsync("w", 10, 3, ["excluded"], now, TimeSpan.FromSeconds(30), None);
        stopwatch.Stop();
        output.WriteLine($"claim took {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        output.WriteLine(string.Join(Environment.NewLine, await ExplainClaimAsync(db)));

        Assert.Equal(["bulk-060001", "bulk-060002", "bulk-060003", "quiet-1"], claimed.Select(d => d.Id));

        // The next claim steps over the three leased ones and takes the following three.
        stopwatch.Restart();
        var next = await db.Deliveries.ClaimDueAsync("w", 10, 3, ["excluded"], now, TimeSpan.FromSeconds(30), None);
        stopwatch.Stop();
        output.WriteLine($"second claim took {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(["bulk-060004", "bulk-060005", "bulk-060006"], next.Select(d => d.Id));
    }

    private static async Task<List<string>> ExplainClaimAsync(TestDatabase db)
    {
        await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteDeliveryStore.ClaimSql;
        command.Parameters.AddWithValue("$owner", "w");
        command.Parameters.AddWithValue("$lease_expires_at", 2L);
        command.Parameters.AddWithValue("$now", 1L);
        command.Parameters.AddWithValue("$per_destination", 3);
        command.Parameters.AddWithValue("$max", 10);
        command.Parameters.AddWithValue("$excluded", "[]");
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
