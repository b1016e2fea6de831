using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Credentials;

/// <summary>Stores outbound credentials, encrypted by the caller.</summary>
internal sealed class LiteDbCredentialStore(LiteDbDatabase database) : ICredentialStore
{
    /// <inheritdoc />
    public Task<bool> CreateCredentialAsync(CredentialRecord credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(credential.Id, nameof(credential));
        return database.WriteAsync(
            db =>
            {
                var credentials = db.GetCollection(Collections.Credentials);
                if (credentials.FindById(credential.Id) is not null)
                {
                    return false;
                }

                credentials.Insert(new BsonDocument
                {
                    ["_id"] = credential.Id,
                    ["name"] = credential.Name,
                    ["type"] = credential.Type,
                    ["protected_data"] = credential.ProtectedData,
                    ["hint"] = credential.Hint,
                    ["created_at"] = UnixTime.ToMilliseconds(credential.CreatedAt),
                });
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<CredentialRecord?> GetCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.ReadAsync(db => db.GetCollection(Collections.Credentials).FindById(id) is { } c ? Read(c) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialRecord>> ListCredentialsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<CredentialRecord>>(
            db => db.GetCollection(Collections.Credentials).FindAll()
                .Select(Read)
                .OrderBy(c => c.CreatedAt)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.WriteAsync(db => db.GetCollection(Collections.Credentials).Delete(id), cancellationToken);
    }

    private static CredentialRecord Read(BsonDocument c) => new(
        c["_id"].AsString, c["name"].AsString, c["type"].AsString, c["protected_data"].AsString, c["hint"].AsString, Documents.Time(c, "created_at"));
}
