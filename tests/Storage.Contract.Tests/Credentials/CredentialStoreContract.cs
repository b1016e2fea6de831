using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Credentials;

/// <summary><see cref="ICredentialStore"/>: create, read, list, delete.</summary>
public sealed class CredentialStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_credential_is_stored_as_given_and_its_id_is_unique(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var credential = Samples.Credential("c1", stores.Clock.UtcNow, CredentialTypes.BasicAuth);

        Assert.True(await stores.Credentials.CreateCredentialAsync(credential, None));
        Assert.False(await stores.Credentials.CreateCredentialAsync(credential with { Name = "impostor", ProtectedData = "other" }, None));

        Assert.Equal(credential, await stores.Credentials.GetCredentialAsync("c1", None));
        Assert.Null(await stores.Credentials.GetCredentialAsync("c2", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Credentials_are_listed_oldest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        Assert.Empty(await stores.Credentials.ListCredentialsAsync(None));
        await stores.Credentials.CreateCredentialAsync(Samples.Credential("new", now), None);
        await stores.Credentials.CreateCredentialAsync(Samples.Credential("old", now.AddMinutes(-2)), None);
        await stores.Credentials.CreateCredentialAsync(Samples.Credential("mid", now.AddMinutes(-1), CredentialTypes.ApiKey), None);

        var listed = await stores.Credentials.ListCredentialsAsync(None);

        Assert.Equal(["old", "mid", "new"], listed.Select(c => c.Id));
        Assert.Equal(Samples.Credential("mid", now.AddMinutes(-1), CredentialTypes.ApiKey), listed[1]);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Delete_removes_a_credential(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Credentials.CreateCredentialAsync(Samples.Credential("c1", stores.Clock.UtcNow), None);
        await stores.Credentials.CreateCredentialAsync(Samples.Credential("c2", stores.Clock.UtcNow), None);

        Assert.True(await stores.Credentials.DeleteCredentialAsync("c1", None));
        Assert.False(await stores.Credentials.DeleteCredentialAsync("c1", None));

        Assert.Null(await stores.Credentials.GetCredentialAsync("c1", None));
        Assert.Equal(["c2"], (await stores.Credentials.ListCredentialsAsync(None)).Select(c => c.Id));
    }
}
