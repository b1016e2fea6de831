using System.Text;
using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Users;

/// <summary>Stores management users; a unique index on the normalised name makes names unique regardless of case.</summary>
internal sealed class LiteDbUserStore(LiteDbDatabase database) : IUserStore
{
    /// <inheritdoc />
    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Username);
        var normalized = Normalize(user.Username);
        return database.WriteAsync(
            db =>
            {
                var users = db.GetCollection(Collections.Users);

                // Checked in the writer, so two concurrent creations of one name cannot both pass. Only a taken name
                // is an expected answer (false); a repeated id is a bug and still throws.
                if (users.Exists(Query.EQ("normalized_username", normalized)))
                {
                    return false;
                }

                users.Insert(new BsonDocument
                {
                    ["_id"] = user.Id,
                    ["username"] = user.Username,
                    ["normalized_username"] = normalized,
                    ["password_hash"] = user.PasswordHash,
                    ["role"] = user.Role,
                    ["created_at"] = UnixTime.ToMilliseconds(user.CreatedAt),
                    ["updated_at"] = UnixTime.ToMilliseconds(user.UpdatedAt),
                });
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByNameAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = Normalize(username);
        return database.ReadAsync(
            db => db.GetCollection(Collections.Users).FindOne(Query.EQ("normalized_username", normalized)) is { } user ? Read(user) : null,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByIdAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.ReadAsync(db => db.GetCollection(Collections.Users).FindById(id) is { } user ? Read(user) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<UserRecord>>(
            db => db.GetCollection(Collections.Users).Query().OrderBy("$.normalized_username").ToEnumerable().Select(Read).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public Task<int> CountUsersAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(db => db.GetCollection(Collections.Users).Count(), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.WriteAsync(db => db.GetCollection(Collections.Users).Delete(id), cancellationToken);
    }

    // The same normalisation as the SQL stores, so that a name unique in one is unique in the other.
    private static string Normalize(string username) => username.Normalize(NormalizationForm.FormC).ToUpperInvariant();

    private static UserRecord Read(BsonDocument user) => new(
        user["_id"].AsString,
        user["username"].AsString,
        user["password_hash"].AsString,
        user["role"].AsString,
        Documents.Time(user, "created_at"),
        Documents.Time(user, "updated_at"));
}
