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
