using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Credentials;

public sealed class SqliteCredentialStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Created_credential_round_trips_every_field()
    {
        await using var db = TestDatabase.Create();
        var credential = new CredentialRecord("c1", "Billing API", CredentialTypes.BasicAuth, "CfDJ8-encrypted", "ali…ce", db.Clock.UtcNow.AddMinutes(-5));

        Assert.True(await db.Credentials.CreateCredentialAsync(credential, None));

        Assert.Equal(credential, await db.Credentials.GetCredentialAsync("c1", None));
        Assert.Null(await db.Credentials.GetCredentialAsync("c2", None));
    }

    [Fact]
    public async Task Existing_id_is_refused_and_keeps_the_first()
    {
        await using var db = TestDatabase.Create();
        var first = new CredentialRecord("c1", "first", CredentialTypes.BearerToken, "p1", "h1", db.Clock.UtcNow);
        await db.Credentials.CreateCredentialAsync(first, None);

        Assert.False(await db.Credentials.CreateCredentialAsync(first with { Name = "second", ProtectedData = "p2" }, None));

        Assert.Equal(first, await db.Credentials.GetCredentialAsync("c1", None));
    }

    [Fact]
    public async Task List_is_oldest_first()
    {
        await using var db = TestDatabase.Create();
        var t = db.Clock.UtcNow;
        await db.Credentials.CreateCredentialAsync(new("late", "late", CredentialTypes.None, "p", "h", t.AddSeconds(2)), None);
        await db.Credentials.CreateCredentialAsync(new("early", "early", CredentialTypes.ApiKey, "p", "h", t), None);
        await db.Credentials.CreateCredentialAsync(new("middle", "middle", CredentialTypes.CustomHeader, "p", "h", t.AddSeconds(1)), None);

        var listed = await db.Credentials.ListCredentialsAsync(None);

        Assert.Equal(["early", "middle", "late"], listed.Select(c => c.Id));
    }

    [Fact]
    public async Task Delete_removes_only_that_credential()
    {
        await using var db = TestDatabase.Create();
        await db.Credentials.CreateCredentialAsync(new("c1", "one", CredentialTypes.ApiKey, "p", "h", db.Clock.UtcNow), None);
        await db.Credentials.CreateCredentialAsync(new("c2", "two", CredentialTypes.ApiKey, "p", "h", db.Clock.UtcNow), None);

        Assert.True(await db.Credentials.DeleteCredentialAsync("c1", None));
        Assert.False(await db.Credentials.DeleteCredentialAsync("c1", None));

        Assert.Null(await db.Credentials.GetCredentialAsync("c1", None));
        Assert.Equal(["c2"], (await db.Credentials.ListCredentialsAsync(None)).Select(c => c.Id));
    }
}
