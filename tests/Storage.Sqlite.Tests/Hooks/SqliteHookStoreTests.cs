using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Hooks;

public sealed class SqliteHookStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upsert_creates_an_enabled_hook()
    {
        await using var db = TestDatabase.Create();

        var hook = await db.Hooks.UpsertHookAsync("deploy", """{"action":"a"}""", None);

        Assert.Equal("deploy", hook.Name);
        Assert.Equal("""{"action":"a"}""", hook.Definition);
        Assert.True(hook.Enabled);
        Assert.Equal(db.Clock.UtcNow, hook.CreatedAt);
        Assert.Equal(db.Clock.UtcNow, hook.UpdatedAt);
        Assert.Equal(hook, await db.Hooks.GetHookAsync("deploy", None));
    }

    [Fact]
    public async Task Upsert_of_an_existing_hook_keeps_its_creation_time_and_enabled_flag()
    {
        await using var db = TestDatabase.Create();
        var created = await db.Hooks.UpsertHookAsync("deploy", "{}", None);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await db.Hooks.SetHookEnabledAsync("deploy", false, None));
        db.Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = await db.Hooks.UpsertHookAsync("deploy", """{"v":2}""", None);

        Assert.Equal("""{"v":2}""", updated.Definition);
        Assert.False(updated.Enabled);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(db.Clock.UtcNow, updated.UpdatedAt);
        Assert.Equal(updated, await db.Hooks.GetHookAsync("deploy", None));
    }

    [Fact]
    public async Task Set_enabled_is_false_for_an_unknown_hook()
    {
        await using var db = TestDatabase.Create();

        Assert.False(await db.Hooks.SetHookEnabledAsync("nobody", true, None));
        Assert.Null(await db.Hooks.GetHookAsync("nobody", None));
    }

    [Fact]
    public async Task Delete_removes_a_hook_once()
    {
        await using var db = TestDatabase.Create();
        await db.Hooks.UpsertHookAsync("deploy", "{}", None);

        Assert.True(await db.Hooks.DeleteHookAsync("deploy", None));
        Assert.False(await db.Hooks.DeleteHookAsync("deploy", None));
        Assert.Null(await db.Hooks.GetHookAsync("deploy", None));
    }

    [Fact]
    public async Task Hooks_are_listed_by_name()
    {
        await using var db = TestDatabase.Create();
        await db.Hooks.UpsertHookAsync("charlie", "{}", None);
        await db.Hooks.UpsertHookAsync("alpha", "{}", None);
        await db.Hooks.UpsertHookAsync("bravo", "{}", None);

        var hooks = await db.Hooks.ListHooksAsync(None);

        Assert.Equal(["alpha", "bravo", "charlie"], hooks.Select(h => h.Name));
    }
}
