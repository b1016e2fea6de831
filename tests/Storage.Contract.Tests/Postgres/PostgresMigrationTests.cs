using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.Postgres.Schema;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

public sealed class PostgresMigrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Six_hosts_starting_together_on_a_new_schema_create_it_and_apply_each_migration_once()
    {
        await using var schema = new PostgresTestSchema();
        using var start = new ManualResetEventSlim();

        // Without the advisory lock the losers of this race fail on "relation already exists" or a duplicate
        // schema_version row; with it they wait and find the work done.
        var starting = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait(Patience);
                return await schema.StartHostAsync();
            }))
            .ToArray();
        start.Set();
        var hosts = await Task.WhenAll(starting).WaitAsync(Patience);

        var versions = await schema.ColumnAsync<int>($"SELECT version FROM {schema.Quoted}.schema_version ORDER BY version");
        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), versions);

        // Every host works on the one schema: what one accepts, another claims.
        var accepted = await hosts[0].Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow), CancellationToken.None);
        var claimed = await hosts[5].Runs.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(accepted.RunIds, claimed.Select(r => r.Id));
    }

    [PostgresFact]
    public async Task A_host_restarting_on_a_migrated_schema_applies_nothing_and_keeps_the_data()
    {
        await using var schema = new PostgresTestSchema();
        var first = await schema.StartHostAsync();
        var webhook = Samples.Webhook(schema.Clock.UtcNow);
        await first.Events.AcceptAsync(webhook, CancellationToken.None);
        var appliedAt = await schema.ColumnAsync<DateTime>($"SELECT applied_at FROM {schema.Quoted}.schema_version ORDER BY version");

        schema.Clock.Advance(TimeSpan.FromHours(1));
        var second = await schema.StartHostAsync();

        Assert.Equal(appliedAt, await schema.ColumnAsync<DateTime>($"SELECT applied_at FROM {schema.Quoted}.schema_version ORDER BY version"));
        Assert.Equal(webhook.Event.Id, (await second.Events.GetEventAsync(webhook.Event.Id, CancellationToken.None))?.Id);
    }

    [PostgresFact]
    public async Task Runs_stored_before_run_numbers_are_numbered_in_creation_order_and_new_runs_follow()
    {
        await using var schema = new PostgresTestSchema();

        // A schema written by the version before step 3: runs without numbers, created in another order than their ids.
        await using (var connection = await schema.OpenAsync())
        {
            await SchemaMigrator.MigrateAsync(
                connection, schema.Name, [.. SchemaMigrations.All.Where(m => m.Version < 3)], schema.Clock.UtcNow, CancellationToken.None);
        }

        await schema.ExecuteAsync($$"""
            INSERT INTO {{schema.Quoted}}.events (id, request_id, hook_name, method, path, headers, query, body, received_at)
            VALUES ('0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'POST', '/hooks/deploy', '{}', '{}', '\x', '2026-01-01T00:00:00Z');
            INSERT INTO {{schema.Quoted}}.runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
            VALUES ('run-a', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'succeeded', 1, 1, '2026-01-01T00:00:03Z', '2026-01-01T00:00:03Z'),
                   ('run-b', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'queued', 0, 1, '2026-01-01T00:00:01Z', '2026-01-01T00:00:01Z'),
                   ('run-c', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'failed', 1, 1, '2026-01-01T00:00:02Z', '2026-01-01T00:00:02Z'),
                   ('run-d', '0199f0a1-7c2e-7b3d-9a44-5e6f70819203', 'req', 'deploy', 'command', '{}', 'queued', 0, 1, '2026-01-01T00:00:02Z', '2026-01-01T00:00:02Z');
            """);

        var host = await schema.StartHostAsync();
        var other = await schema.StartHostAsync();

        // Oldest first; runs created in the same instant by id. Every host reads the same numbers.
        foreach (var (id, number) in new[] { ("run-b", 1L), ("run-c", 2L), ("run-d", 3L), ("run-a", 4L) })
        {
            Assert.Equal((id, number), (id, (await host.Runs.GetRunAsync(id, CancellationToken.None))!.Number));
            Assert.Equal((id, number), (id, (await other.Runs.GetRunAsync(id, CancellationToken.None))!.Number));
        }

        var webhook = Samples.Webhook(schema.Clock.UtcNow, runs: 2);
        await other.Events.AcceptAsync(webhook, CancellationToken.None);
        var numbers = new List<long>();
        foreach (var run in webhook.Runs)
        {
            numbers.Add((await host.Runs.GetRunAsync(run.Id, CancellationToken.None))!.Number);
        }

        Assert.Equal([5L, 6L], numbers.Order());
    }

    [PostgresFact]
    public async Task A_schema_newer_than_the_code_stops_the_host_with_both_versions_named()
    {
        await using var schema = new PostgresTestSchema();
        await schema.StartHostAsync();
        var known = SchemaMigrations.All.Max(m => m.Version);
        await schema.ExecuteAsync($"INSERT INTO {schema.Quoted}.schema_version (version, name, applied_at) VALUES (99, 'from the future', now())");

        var error = await Assert.ThrowsAsync<PluginConfigurationException>(schema.StartHostAsync);

        Assert.Equal("settings:schema", error.Key);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {known} only", error.Message, StringComparison.Ordinal);
        Assert.Contains(schema.Name, error.Message, StringComparison.Ordinal);
    }
}
