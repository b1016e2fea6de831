using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Hooks;

/// <summary><see cref="IHookStore"/>: upsert, enable, read, list, delete.</summary>
public sealed class HookStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_new_hook_is_stored_enabled(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;

        var created = await stores.Hooks.UpsertHookAsync("deploy", """{"action":"command"}""", None);

        Assert.Equal(new HookRecord("deploy", """{"action":"command"}""", true, now, now), created);
        Assert.Equal(created, await stores.Hooks.GetHookAsync("deploy", None));
        Assert.Null(await stores.Hooks.GetHookAsync("nope", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Upsert_replaces_the_definition_and_keeps_creation_time_and_enabled_flag(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var createdAt = stores.Clock.UtcNow;
        await stores.Hooks.UpsertHookAsync("deploy", """{"v":1}""", None);
        Assert.True(await stores.Hooks.SetHookEnabledAsync("deploy", false, None));
        stores.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await stores.Hooks.UpsertHookAsync("deploy", """{"v":2}""", None);

        Assert.Equal(new HookRecord("deploy", """{"v":2}""", false, createdAt, stores.Clock.UtcNow), updated);
        Assert.Equal(updated, await stores.Hooks.GetHookAsync("deploy", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Enabling_changes_only_an_existing_hook(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Hooks.UpsertHookAsync("deploy", "{}", None);

        Assert.True(await stores.Hooks.SetHookEnabledAsync("deploy", false, None));
        Assert.False((await stores.Hooks.GetHookAsync("deploy", None))?.Enabled);
        Assert.True(await stores.Hooks.SetHookEnabledAsync("deploy", true, None));
        Assert.True((await stores.Hooks.GetHookAsync("deploy", None))?.Enabled);
        Assert.False(await stores.Hooks.SetHookEnabledAsync("nope", true, None));
        Assert.Null(await stores.Hooks.GetHookAsync("nope", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Hooks_are_listed_by_name(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        Assert.Empty(await stores.Hooks.ListHooksAsync(None));
        foreach (var name in new[] { "charlie", "alpha", "bravo" })
        {
            await stores.Hooks.UpsertHookAsync(name, $$"""{"name":"{{name}}"}""", None);
            stores.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await stores.Hooks.ListHooksAsync(None);

        Assert.Equal(["alpha", "bravo", "charlie"], listed.Select(h => h.Name));
        Assert.Equal("""{"name":"bravo"}""", listed[1].Definition);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Deleting_a_hook_keeps_its_events_and_runs(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Hooks.UpsertHookAsync("deploy", "{}", None);
        await stores.Hooks.UpsertHookAsync("build", "{}", None);
        var webhook = Samples.Webhook(stores.Clock.UtcNow, hook: "deploy");
        await stores.Events.AcceptAsync(webhook, None);

        Assert.True(await stores.Hooks.DeleteHookAsync("deploy", None));
        Assert.False(await stores.Hooks.DeleteHookAsync("deploy", None));

        Assert.Null(await stores.Hooks.GetHookAsync("deploy", None));
        Assert.Equal(["build"], (await stores.Hooks.ListHooksAsync(None)).Select(h => h.Name));
        Assert.NotNull(await stores.Events.GetEventAsync(webhook.Event.Id, None));
        Assert.Equal([webhook.Runs[0].Id], (await stores.Runs.ListRunsAsync("deploy", 10, None)).Select(r => r.Id));
    }
}
