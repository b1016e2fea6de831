using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Schema;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Schema;

/// <summary>Migration 8: idempotency keys carry the first request's id and fingerprint; keys stored before keep working.</summary>
public sealed class IdempotencyFingerprintMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_key_stored_at_version_7_is_still_a_duplicate_after_migration_8_with_no_fingerprint_and_new_keys_get_one()
    {
        // Version 7's tables, plus step 9 (run numbers, which today's writer needs to store the event below): step 8
        // touches only idempotency_keys, so this is a version-7 key table under today's writer.
        var version7 = SchemaMigrations.All.Where(m => m.Version is <= 7 or 9).ToArray();
        var db = TestDatabase.Create(migrations: version7);
        try
        {
            var now = db.Clock.UtcNow;
            // The event through the store; the key as version 7 wrote it (this code writes version 8's columns).
            var old = SampleWebhooks.Create(now);
            Assert.True((await db.Events.AcceptAsync(old, None)).Accepted);
            var runIds = string.Join(",", old.Runs.Select(r => $"\"{r.Id}\""));
            await db.ScalarAsync($"""
                INSERT INTO idempotency_keys (scope, key, event_id, run_ids, created_at, expires_at)
                VALUES ('deploy', 'old', '{old.Event.Id:D}', '[{runIds}]', {now.ToUnixTimeMilliseconds()}, {now.AddHours(1).ToUnixTimeMilliseconds()})
                """);

            db = await db.ReopenAsync();
            await db.Database.InitializeAsync(None);

            Assert.Equal("idempotency fingerprints", await db.ScalarAsync("SELECT name FROM schema_migrations WHERE version = 8"));
            var found = await db.Events.FindIdempotencyKeyAsync("deploy", "old", None);
            Assert.NotNull(found);
            Assert.Equal(old.Event.Id, found.EventId);
            Assert.Equal(old.Runs.Select(r => r.Id), found.RunIds);
            Assert.Null(found.Fingerprint);
            Assert.Null(found.RequestId);
            var repeat = await db.Events.AcceptAsync(SampleWebhooks.Create(now, key: new IdempotencyKey("deploy", "old", now.AddHours(1)) { Fingerprint = [7] }), None);
            Assert.False(repeat.Accepted);
            Assert.Equal(old.Event.Id, repeat.EventId);

            var fresh = SampleWebhooks.Create(now, key: new IdempotencyKey("deploy", "new", now.AddHours(1)) { Fingerprint = [1, 2] });
            Assert.True((await db.Events.AcceptAsync(fresh, None)).Accepted);
            var stored = await db.Events.FindIdempotencyKeyAsync("deploy", "new", None);
            Assert.Equal([1, 2], stored?.Fingerprint);
            Assert.Equal(fresh.Event.RequestId, stored?.RequestId);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
