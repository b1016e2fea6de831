using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Users;

/// <summary><see cref="IUserStore"/>: names unique regardless of case, lookups, listing, deletion.</summary>
public sealed class UserStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_user_is_found_by_id_and_by_name_in_any_case(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var alice = Samples.User("u1", "Alice", stores.Clock.UtcNow, "admin");

        Assert.True(await stores.Users.CreateUserAsync(alice, None));

        Assert.Equal(alice, await stores.Users.FindUserByIdAsync("u1", None));
        Assert.Equal(alice, await stores.Users.FindUserByNameAsync("Alice", None));
        Assert.Equal(alice, await stores.Users.FindUserByNameAsync("alice", None));
        Assert.Equal(alice, await stores.Users.FindUserByNameAsync("ALICE", None));
        Assert.Null(await stores.Users.FindUserByNameAsync("alic", None));
        Assert.Null(await stores.Users.FindUserByIdAsync("u2", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_name_taken_in_another_case_stores_nothing(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Users.CreateUserAsync(Samples.User("u1", "Alice", stores.Clock.UtcNow), None);

        Assert.False(await stores.Users.CreateUserAsync(Samples.User("u2", "aLICE", stores.Clock.UtcNow), None));

        Assert.Null(await stores.Users.FindUserByIdAsync("u2", None));
        Assert.Equal("u1", (await stores.Users.FindUserByNameAsync("alice", None))?.Id);
        Assert.Equal(1, await stores.Users.CountUsersAsync(None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Users_are_listed_by_name_and_counted(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        Assert.Equal(0, await stores.Users.CountUsersAsync(None));
        Assert.Empty(await stores.Users.ListUsersAsync(None));
        await stores.Users.CreateUserAsync(Samples.User("u1", "carol", stores.Clock.UtcNow), None);
        await stores.Users.CreateUserAsync(Samples.User("u2", "alice", stores.Clock.UtcNow), None);
        await stores.Users.CreateUserAsync(Samples.User("u3", "bob", stores.Clock.UtcNow), None);

        var listed = await stores.Users.ListUsersAsync(None);

        Assert.Equal(["alice", "bob", "carol"], listed.Select(u => u.Username));
        Assert.Equal(Samples.User("u3", "bob", stores.Clock.UtcNow), listed[1]);
        Assert.Equal(3, await stores.Users.CountUsersAsync(None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Delete_removes_a_user_and_frees_the_name(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Users.CreateUserAsync(Samples.User("u1", "alice", stores.Clock.UtcNow), None);

        Assert.True(await stores.Users.DeleteUserAsync("u1", None));
        Assert.False(await stores.Users.DeleteUserAsync("u1", None));

        Assert.Null(await stores.Users.FindUserByIdAsync("u1", None));
        Assert.Equal(0, await stores.Users.CountUsersAsync(None));
        Assert.True(await stores.Users.CreateUserAsync(Samples.User("u2", "Alice", stores.Clock.UtcNow), None));
    }
}
