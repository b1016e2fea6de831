using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Housekeeping;

public sealed class PurgeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Expired_idempotency_keys_are_purged_in_batches_and_live_ones_kept()
    {
        await using var db = TestDatabase.Create();
        for (var i = 0; i < 3; i++)
        {
            await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, key: new IdempotencyKey("h", $"old-{i}", db.Clock.UtcNow.AddMinutes(1))), None);
        }

        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, key: new IdempotencyKey("h", "live", db.Clock.UtcNow.AddHours(1))), None);
        db.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(2, await db.Events.PurgeExpiredIdempotencyKeysAsync(db.Clock.UtcNow, 2, None));
        Assert.Equal(1, await db.Events.PurgeExpiredIdempotencyKeysAsync(db.Clock.UtcNow, 2, None));
        Assert.Equal(0, await db.Events.PurgeExpiredIdempotencyKeysAsync(db.Clock.UtcNow, 2, None));
        Assert.Equal(1L, await db.CountAsync("idempotency_keys"));
        Assert.NotNull(await db.Events.FindIdempotencyKeyAsync("h", "live", None));
        Assert.Equal(4L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Expired_tokens_are_purged_and_tokens_without_expiry_kept()
    {
        await using var db = TestDatabase.Create();
        await db.Tokens.IssueTokenAsync(Token("session", [1], db.Clock.UtcNow.AddHours(1)), false, None);
        await db.Tokens.IssueTokenAsync(Token("forever", [2], null), false, None);
        await db.Tokens.IssueTokenAsync(Token("later", [3], db.Clock.UtcNow.AddDays(1)), false, None);
        db.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await db.Tokens.PurgeExpiredTokensAsync(db.Clock.UtcNow, 100, None));

        Assert.Null(await db.Tokens.FindTokenAsync([1], None));
        Assert.NotNull(await db.Tokens.FindTokenAsync([2], None));
        Assert.NotNull(await db.Tokens.FindTokenAsync([3], None));
    }

    private static AuthTokenRecord Token(string id, byte[] hash, DateTimeOffset? expiresAt) =>
        new(id, "session:u", hash, "wms_abcdefgh", DateTimeOffset.UnixEpoch, expiresAt, null, null);
}
