using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Schema;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DeliveryDurabilityTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Destinations_deliveries_attempts_and_credentials_survive_reopening_the_file()
    {
        var db = TestDatabase.Create();
        try
        {
            var now = db.Clock.UtcNow;
            var destination = SampleDeliveries.Destination("d", now);
            var credential = new CredentialRecord("cred-1", "Receiver key", CredentialTypes.ApiKey, "protected-json", "sk-…9f2", now);
            await db.Deliveries.CreateDestinationAsync(destination, None);
            await db.Credentials.CreateCredentialAsync(credential, None);
            await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "done"), SampleDeliveries.Delivery("d", now.AddMinutes(1), "waiting"));
            var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
            var attempt = new DeliveryAttemptRecord("done", 1, now, TimeSpan.FromMilliseconds(80), 200, "ok", null);
            await db.Deliveries.RecordAttemptAsync("done", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None);
            var done = await db.Deliveries.GetDeliveryAsync("done", None);
            var waiting = await db.Deliveries.GetDeliveryAsync("waiting", None);

            db = await db.ReopenAsync();

            // The success cleared failing_since; the rest is as created.
            SampleDeliveries.AssertSame(destination with { FailingSince = null }, await db.Deliveries.GetDestinationAsync("d", None));
            SampleDeliveries.AssertSame(done!, await db.Deliveries.GetDeliveryAsync("done", None));
            SampleDeliveries.AssertSame(waiting!, await db.Deliveries.GetDeliveryAsync("waiting", None));
            Assert.Equal([attempt], await db.Deliveries.ListAttemptsAsync("done", None));
            Assert.Equal(credential, await db.Credentials.GetCredentialAsync("cred-1", None));
            Assert.Equal("waiting", Assert.Single(await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now.AddMinutes(1), Lease, None)).Id);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migration_7_applies_to_a_database_created_at_version_6()
    {
        var version6 = SchemaMigrations.All.Where(m => m.Version <= 6).ToArray();
        Assert.Equal(6, version6.Max(m => m.Version));
        var db = TestDatabase.Create(migrations: version6);
        try
        {
            // Written as version 6 wrote it: today's writer needs the later steps (run numbers, step 9).
            const string EventId = "0199f0a1-7c2e-7b3d-9a44-5e6f70819203";
            const string RunId = "0199f0a1-7c2e-7b3d-9a44-5e6f70819204";
            await db.Database.WriteAsync(
                transaction =>
                {
                    using var command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = $$"""
                        INSERT INTO events (id, request_id, hook_name, method, path, headers, query, body, received_at)
                        VALUES ('{{EventId}}', 'req', 'deploy', 'POST', '/hooks/deploy', '{}', '{}', x'', 0);
                        INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
                        VALUES ('{{RunId}}', '{{EventId}}', 'req', 'deploy', 'command', '{}', 'queued', 0, 3, 0, 0);
                        """;
                    return command.ExecuteNonQuery();
                },
                None);
            Assert.Null(await db.ScalarAsync("SELECT name FROM sqlite_master WHERE name = 'deliveries'"));

            db = await db.ReopenAsync();
            await db.Database.InitializeAsync(None);

            Assert.Equal((long)SchemaMigrations.All.Max(m => m.Version), await db.ScalarAsync("SELECT MAX(version) FROM schema_migrations"));
            Assert.Equal("outbound delivery", await db.ScalarAsync("SELECT name FROM schema_migrations WHERE version = 7"));
            foreach (var table in new[] { "destinations", "deliveries", "delivery_attempts", "credentials" })
            {
                Assert.Equal(0L, await db.CountAsync(table));
            }

            // Migration 7's two, migration 10's for the management queries, and migration 11's (retention).
            Assert.Equal(
                "deliveries_created,deliveries_destination_created,deliveries_event_id,deliveries_finished,deliveries_pending",
                await db.ScalarAsync("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' AND sql IS NOT NULL ORDER BY name)"));

            // What was there is untouched, and the new tables work alongside it.
            Assert.NotNull(await db.Events.GetEventAsync(Guid.Parse(EventId), None));
            Assert.Equal(RunStatus.Queued, (await db.Runs.GetRunAsync(RunId, None))!.Status);
            var now = db.Clock.UtcNow;
            await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
            await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
            Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
