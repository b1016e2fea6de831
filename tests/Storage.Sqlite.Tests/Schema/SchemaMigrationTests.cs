using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Storage.Sqlite.Schema;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Schema;

public sealed class SchemaMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Migrations_are_applied_once_and_recorded()
    {
        var db = TestDatabase.Create();
        try
        {
            var appliedAt = db.Clock.UtcNow;
            await db.Database.InitializeAsync(None);
            db.Clock.Advance(TimeSpan.FromDays(1));
            db = await db.ReopenAsync();
            await db.Database.InitializeAsync(None);

            var recorded = await ReadMigrationsAsync(db.Path);
            Assert.Equal(
                SchemaMigrations.All.Select(m => (m.Version, m.Name, appliedAt.ToUnixTimeMilliseconds())),
                recorded);

            // Running the migrator on an up-to-date file again is a no-op.
            await using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
            await connection.OpenAsync();
            Assert.Equal(0, SchemaMigrator.Migrate(connection, SchemaMigrations.All, db.Clock.UtcNow));
            Assert.Equal(recorded, await ReadMigrationsAsync(db.Path));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task New_migrations_are_applied_to_an_existing_file()
    {
        var db = TestDatabase.Create();
        try
        {
            await db.Database.InitializeAsync(None);
            var next = SchemaMigrations.All.Max(m => m.Version) + 1;
            IReadOnlyList<SchemaMigration> upgraded =
                [.. SchemaMigrations.All, new(next, "add notes", "CREATE TABLE notes (text TEXT NOT NULL);")];

            db = await db.ReopenAsync(upgraded);
            await db.Database.InitializeAsync(None);

            Assert.Equal(0L, await db.CountAsync("notes"));
            Assert.Equal((long)next, await db.ScalarAsync("SELECT MAX(version) FROM schema_migrations"));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Newer_schema_version_is_refused()
    {
        var next = SchemaMigrations.All.Max(m => m.Version) + 1;
        IReadOnlyList<SchemaMigration> newer = [.. SchemaMigrations.All, new(next, "from the future", "CREATE TABLE future (x INTEGER);")];
        var db = TestDatabase.Create(migrations: newer);
        try
        {
            await db.Database.InitializeAsync(None);
            db = await db.ReopenAsync();

            var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => db.Database.InitializeAsync(None));

            Assert.Contains($"schema version {next}", error.Message, StringComparison.Ordinal);
            Assert.Contains(db.Path, error.Message, StringComparison.Ordinal);
            Assert.Equal(next, error.FileVersion);
            await Assert.ThrowsAsync<SchemaTooNewException>(() => db.Hooks.UpsertHookAsync("deploy", "{}", None));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var db = TestDatabase.Create();
        try
        {
            var webhook = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2, key: new("deploy", "k", db.Clock.UtcNow.AddDays(1)));
            await db.Events.AcceptAsync(webhook, None);
            var claimed = await db.Runs.ClaimAsync("worker-1", 1, TimeSpan.FromMinutes(1), None);
            await db.Runs.CompleteAsync(claimed[0].Id, "worker-1", 1, RunResult.Success("ok"), null, None);
            await db.Hooks.UpsertHookAsync("deploy", "{}", None);

            db = await db.ReopenAsync();

            var storedEvent = await db.Events.GetEventAsync(webhook.Event.Id, None);
            Assert.NotNull(storedEvent);
            Assert.Equal(webhook.Event.Body, storedEvent.Body);
            Assert.Equal("ok", (await db.Runs.GetRunAsync(claimed[0].Id, None))?.Output);
            Assert.NotNull(await db.Hooks.GetHookAsync("deploy", None));
            Assert.Equal(webhook.Event.Id, (await db.Events.FindIdempotencyKeyAsync("deploy", "k", None))?.EventId);
            Assert.Single(await db.Runs.ClaimAsync("worker-2", 10, TimeSpan.FromMinutes(1), None));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Runs_stored_before_run_numbers_are_numbered_in_creation_order_and_new_runs_follow()
    {
        // A file written by the version before step 9: runs without numbers, created in another order than their ids.
        var db = TestDatabase.Create(migrations: [.. SchemaMigrations.All.Where(m => m.Version < 9)]);
        try
        {
            await db.Database.InitializeAsync(None);
            await db.Database.WriteAsync(
                transaction =>
                {
                    using var command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO events (id, request_id, hook_name, method, path, headers, query, body, received_at)
                        VALUES ('0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'POST', '/hooks/deploy', '{}', '{}', x'', 0);
                        INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
                        VALUES ('run-a', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'succeeded', 1, 1, 3000, 3000),
                               ('run-b', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'queued', 0, 1, 1000, 1000),
                               ('run-c', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'failed', 1, 1, 2000, 2000),
                               ('run-d', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'queued', 0, 1, 2000, 2000);
                        """;
                    return command.ExecuteNonQuery();
                },
                None);

            db = await db.ReopenAsync();
            await db.Database.InitializeAsync(None);

            // Oldest first; runs created in the same millisecond by id.
            var existing = await Task.WhenAll(new[] { "run-b", "run-c", "run-d", "run-a" }.Select(async id => (id, (await db.Runs.GetRunAsync(id, None))!.Number)));
            Assert.Equal(new[] { ("run-b", 1L), ("run-c", 2L), ("run-d", 3L), ("run-a", 4L) }, existing);
            var webhook = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2);
            await db.Events.AcceptAsync(webhook, None);
            var added = await Task.WhenAll(webhook.Runs.Select(async r => (await db.Runs.GetRunAsync(r.Id, None))!.Number));
            Assert.Equal(new[] { 5L, 6L }, added);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_number_is_not_given_again_after_its_run_is_deleted()
    {
        await using var db = TestDatabase.Create();
        var first = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2);
        await db.Events.AcceptAsync(first, None);
        await db.Database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM runs";
                return command.ExecuteNonQuery();
            },
            None);

        var second = SampleWebhooks.Create(db.Clock.UtcNow);
        await db.Events.AcceptAsync(second, None);

        Assert.Equal(3L, (await db.Runs.GetRunAsync(second.Runs[0].Id, None))!.Number);
    }

    [Fact]
    public async Task Database_is_in_wal_mode_and_enforces_foreign_keys()
    {
        await using var db = TestDatabase.Create();
        await db.Database.InitializeAsync(None);

        Assert.Equal("wal", await db.ScalarAsync("PRAGMA journal_mode"));
        var orphan = db.Database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
                    VALUES ('r', 'no-such-event', 'req', 'h', 'a', '{}', 'queued', 0, 1, 0, 0)
                    """;
                return command.ExecuteNonQuery();
            },
            None);
        var error = await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_of_the_database_is_created()
    {
        await using var db = TestDatabase.Create();
        Assert.False(Directory.Exists(Path.GetDirectoryName(db.Path)));

        await db.Database.InitializeAsync(None);

        Assert.True(File.Exists(db.Path));
    }

    private static async Task<List<(int Version, string Name, long AppliedAt)>> ReadMigrationsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
