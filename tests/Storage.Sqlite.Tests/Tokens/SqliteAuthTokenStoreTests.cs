using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Tokens;

public sealed class SqliteAuthTokenStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Issued_token_is_found_by_its_hash_with_every_field()
    {
        await using var db = TestDatabase.Create();
        var token = Token("t1", "hook:deploy", [1, 2, 3], db.Clock.UtcNow, expiresAt: db.Clock.UtcNow.AddDays(30));

        await db.Tokens.IssueTokenAsync(token, replaceScope: false, None);

        var found = await db.Tokens.FindTokenAsync([1, 2, 3], None);
        Assert.NotNull(found);
        Assert.Equal(token.Id, found.Id);
        Assert.Equal(token.Scope, found.Scope);
        Assert.Equal(token.Hash, found.Hash);
        Assert.Equal(token.Prefix, found.Prefix);
        Assert.Equal(token.CreatedAt, found.CreatedAt);
        Assert.Equal(token.ExpiresAt, found.ExpiresAt);
        Assert.Equal("admin", found.CreatedBy);
        Assert.Null(await db.Tokens.FindTokenAsync([9, 9], None));
    }

    [Fact]
    public async Task Rotation_replaces_every_token_of_the_scope_and_no_other()
    {
        await using var db = TestDatabase.Create();
        await db.Tokens.IssueTokenAsync(Token("old", "hook:a", [1], db.Clock.UtcNow), false, None);
        await db.Tokens.IssueTokenAsync(Token("other", "hook:b", [2], db.Clock.UtcNow), false, None);

        await db.Tokens.IssueTokenAsync(Token("new", "hook:a", [3], db.Clock.UtcNow), replaceScope: true, None);

        Assert.Null(await db.Tokens.FindTokenAsync([1], None));
        Assert.NotNull(await db.Tokens.FindTokenAsync([2], None));
        Assert.Equal("new", Assert.Single(await db.Tokens.ListTokensAsync("hook:a", None)).Id);
    }

    [Fact]
    public async Task Same_hash_twice_is_refused_by_the_database()
    {
        await using var db = TestDatabase.Create();
        await db.Tokens.IssueTokenAsync(Token("a", "hook:a", [7], db.Clock.UtcNow), false, None);

        await Assert.ThrowsAsync<SqliteException>(() => db.Tokens.IssueTokenAsync(Token("b", "hook:b", [7], db.Clock.UtcNow), false, None));
    }

    [Fact]
    public async Task Touch_records_last_use_and_revoke_deletes()
    {
        await using var db = TestDatabase.Create();
        await db.Tokens.IssueTokenAsync(Token("a", "hook:a", [5], db.Clock.UtcNow), false, None);
        var usedAt = db.Clock.UtcNow.AddMinutes(5);

        await db.Tokens.TouchTokenAsync("a", usedAt, None);
        Assert.Equal(usedAt, (await db.Tokens.FindTokenAsync([5], None))!.LastUsedAt);

        Assert.True(await db.Tokens.RevokeTokenAsync("a", None));
        Assert.False(await db.Tokens.RevokeTokenAsync("a", None));
        Assert.Null(await db.Tokens.FindTokenAsync([5], None));
    }

    private static AuthTokenRecord Token(string id, string scope, byte[] hash, DateTimeOffset createdAt, DateTimeOffset? expiresAt = null) =>
        new(id, scope, hash, "wh_abcdefghi", createdAt, expiresAt, null, "admin");
}
