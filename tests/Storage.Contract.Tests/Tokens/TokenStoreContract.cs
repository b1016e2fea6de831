using System.Text;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Tokens;

/// <summary><see cref="IAuthTokenStore"/>: issue, look up by hash, rotate, touch, purge, revoke.</summary>
public sealed class TokenStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_issued_token_is_found_by_its_hash_only(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var token = Samples.Token("t1", "hook:deploy", stores.Clock.UtcNow, stores.Clock.UtcNow.AddDays(30));

        await stores.Tokens.IssueTokenAsync(token, replaceScope: false, None);

        Samples.AssertSame(token, await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-t1"), None));
        Assert.Null(await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-t2"), None));
        Assert.Null(await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-t"), None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_scopes_tokens_are_listed_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Tokens.IssueTokenAsync(Samples.Token("old", "dag:a", now.AddMinutes(-2)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("new", "dag:a", now), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("mid", "dag:a", now.AddMinutes(-1)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("else", "dag:b", now), false, None);

        var listed = await stores.Tokens.ListTokensAsync("dag:a", None);

        Assert.Equal(["new", "mid", "old"], listed.Select(t => t.Id));
        Samples.AssertSame(Samples.Token("mid", "dag:a", now.AddMinutes(-1)), listed[1]);
        Assert.Empty(await stores.Tokens.ListTokensAsync("dag:c", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Issuing_with_replace_scope_deletes_the_scopes_other_tokens_only(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Tokens.IssueTokenAsync(Samples.Token("a1", "hook:a", now), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("a2", "hook:a", now), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("b1", "hook:b", now), false, None);

        await stores.Tokens.IssueTokenAsync(Samples.Token("a3", "hook:a", now.AddSeconds(1)), replaceScope: true, None);

        Assert.Equal(["a3"], (await stores.Tokens.ListTokensAsync("hook:a", None)).Select(t => t.Id));
        Assert.Null(await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-a1"), None));
        Assert.Equal(["b1"], (await stores.Tokens.ListTokensAsync("hook:b", None)).Select(t => t.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task The_database_refuses_a_second_token_with_the_same_hash(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Tokens.IssueTokenAsync(Samples.Token("t1", "hook:a", now), false, None);
        var clash = Samples.Token("t2", "hook:b", now) with { Hash = Encoding.UTF8.GetBytes("hash-of-t1") };

        await Assert.ThrowsAnyAsync<Exception>(() => stores.Tokens.IssueTokenAsync(clash, false, None));

        Assert.Equal("t1", (await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-t1"), None))?.Id);
        Assert.Empty(await stores.Tokens.ListTokensAsync("hook:b", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Touch_records_when_a_token_was_used(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var token = Samples.Token("t1", "hook:a", stores.Clock.UtcNow);
        await stores.Tokens.IssueTokenAsync(token, false, None);
        var usedAt = stores.Clock.UtcNow.AddMinutes(3);

        await stores.Tokens.TouchTokenAsync("t1", usedAt, None);
        await stores.Tokens.TouchTokenAsync("nope", usedAt, None);

        Samples.AssertSame(token with { LastUsedAt = usedAt }, await stores.Tokens.FindTokenAsync(token.Hash, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Purge_deletes_expired_tokens_only_and_at_most_max(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Tokens.IssueTokenAsync(Samples.Token("gone1", "session", now, now.AddMinutes(1)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("gone2", "session", now, now.AddMinutes(2)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("gone3", "session", now, now.AddMinutes(3)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("later", "session", now, now.AddHours(1)), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("never", "session", now), false, None);
        var purgeAt = now.AddMinutes(10);

        Assert.Equal(2, await stores.Tokens.PurgeExpiredTokensAsync(purgeAt, 2, None));
        Assert.Equal(1, await stores.Tokens.PurgeExpiredTokensAsync(purgeAt, 2, None));
        Assert.Equal(0, await stores.Tokens.PurgeExpiredTokensAsync(purgeAt, 2, None));

        Assert.Equal(["later", "never"], (await stores.Tokens.ListTokensAsync("session", None)).Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Revoke_deletes_a_token(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Tokens.IssueTokenAsync(Samples.Token("t1", "hook:a", stores.Clock.UtcNow), false, None);
        await stores.Tokens.IssueTokenAsync(Samples.Token("t2", "hook:a", stores.Clock.UtcNow), false, None);

        Assert.True(await stores.Tokens.RevokeTokenAsync("t1", None));
        Assert.False(await stores.Tokens.RevokeTokenAsync("t1", None));

        Assert.Null(await stores.Tokens.FindTokenAsync(Encoding.UTF8.GetBytes("hash-of-t1"), None));
        Assert.Equal(["t2"], (await stores.Tokens.ListTokensAsync("hook:a", None)).Select(t => t.Id));
    }
}
