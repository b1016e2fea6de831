using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Users;

public sealed class SqliteUserStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Created_user_is_found_by_id_and_by_name_with_every_field()
    {
        await using var db = TestDatabase.Create();
        var user = User("u1", "Alice", db.Clock.UtcNow, role: "manager");

        Assert.True(await db.Users.CreateUserAsync(user, None));

        Assert.Equal(user, await db.Users.FindUserByIdAsync("u1", None));
        Assert.Equal(user, await db.Users.FindUserByNameAsync("Alice", None));
        Assert.Null(await db.Users.FindUserByIdAsync("u2", None));
        Assert.Null(await db.Users.FindUserByNameAsync("Bob", None));
    }

    [Fact]
    public async Task Name_lookup_ignores_case_and_keeps_the_name_as_written()
    {
        await using var db = TestDatabase.Create();
        await db.Users.CreateUserAsync(User("u1", "Ægir.Olsen", db.Clock.UtcNow), None);

        var found = await db.Users.FindUserByNameAsync("æGIR.olsen", None);

        Assert.NotNull(found);
        Assert.Equal("Ægir.Olsen", found.Username);
    }

    [Fact]
    public async Task Same_name_in_another_case_is_refused_with_false_and_nothing_stored()
    {
        await using var db = TestDatabase.Create();
        Assert.True(await db.Users.CreateUserAsync(User("u1", "alice", db.Clock.UtcNow), None));

        Assert.True(await db.Users.CreateUserAsync(User("u3", "ÉLODIE", db.Clock.UtcNow), None));

        Assert.False(await db.Users.CreateUserAsync(User("u2", "ALICE", db.Clock.UtcNow), None));
        Assert.False(await db.Users.CreateUserAsync(User("u4", "élodie", db.Clock.UtcNow), None)); // beyond ASCII
        Assert.False(await db.Users.CreateUserAsync(User("u5", "e\u0301lodie", db.Clock.UtcNow), None)); // é typed as e + accent

        Assert.Equal(2, await db.Users.CountUsersAsync(None));
        Assert.Null(await db.Users.FindUserByIdAsync("u5", None));
        Assert.Null(await db.Users.FindUserByIdAsync("u2", None));
        Assert.Null(await db.Users.FindUserByIdAsync("u4", None));
    }

    [Fact]
    public async Task Same_name_created_concurrently_is_stored_once()
    {
        await using var db = TestDatabase.Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => db.Users.CreateUserAsync(User($"u{i}", i % 2 == 0 ? "root" : "Root", db.Clock.UtcNow), None)));

        Assert.Single(results, created => created);
        Assert.Equal(1L, await db.CountAsync("users"));
    }

    [Fact]
    public async Task Repeated_id_is_a_bug_and_throws()
    {
        await using var db = TestDatabase.Create();
        await db.Users.CreateUserAsync(User("u1", "alice", db.Clock.UtcNow), None);

        await Assert.ThrowsAsync<SqliteException>(() => db.Users.CreateUserAsync(User("u1", "bob", db.Clock.UtcNow), None));
    }

    [Fact]
    public async Task List_is_by_name_regardless_of_case_and_count_follows_deletes()
    {
        await using var db = TestDatabase.Create();
        Assert.Equal(0, await db.Users.CountUsersAsync(None));
        Assert.Empty(await db.Users.ListUsersAsync(None));
        await db.Users.CreateUserAsync(User("u1", "carol", db.Clock.UtcNow), None);
        await db.Users.CreateUserAsync(User("u2", "Alice", db.Clock.UtcNow), None);
        await db.Users.CreateUserAsync(User("u3", "bob", db.Clock.UtcNow), None);

        Assert.Equal(["Alice", "bob", "carol"], (await db.Users.ListUsersAsync(None)).Select(u => u.Username));
        Assert.Equal(3, await db.Users.CountUsersAsync(None));

        Assert.True(await db.Users.DeleteUserAsync("u3", None));
        Assert.False(await db.Users.DeleteUserAsync("u3", None));

        Assert.Equal(2, await db.Users.CountUsersAsync(None));
        Assert.Null(await db.Users.FindUserByNameAsync("bob", None));
    }

    [Fact]
    public async Task Deleted_name_can_be_taken_again()
    {
        await using var db = TestDatabase.Create();
        await db.Users.CreateUserAsync(User("u1", "alice", db.Clock.UtcNow), None);
        await db.Users.DeleteUserAsync("u1", None);

        Assert.True(await db.Users.CreateUserAsync(User("u2", "Alice", db.Clock.UtcNow), None));
        Assert.Equal("u2", (await db.Users.FindUserByNameAsync("alice", None))?.Id);
    }

    [Fact]
    public async Task Users_survive_a_restart()
    {
        var db = TestDatabase.Create();
        await db.Users.CreateUserAsync(User("u1", "alice", db.Clock.UtcNow), None);

        await using var reopened = await db.ReopenAsync();

        Assert.Equal("alice", (await reopened.Users.FindUserByIdAsync("u1", None))?.Username);
    }

    private static UserRecord User(string id, string username, DateTimeOffset at, string role = "viewer") =>
        new(id, username, "AQAAAAIAAYagAAAAEHash", role, at, at.AddMinutes(1));
}
