using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Tokens;

/// <summary>Stores host-issued bearer tokens by their keyed hash; a unique index on the hash refuses a second token with the same hash.</summary>
internal sealed class LiteDbAuthTokenStore(LiteDbDatabase database) : IAuthTokenStore
{
    /// <inheritdoc />
    public Task IssueTokenAsync(AuthTokenRecord token, bool replaceScope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.WriteAsync(
            db =>
            {
                var tokens = db.GetCollection(Collections.AuthTokens);
                if (replaceScope)
                {
                    tokens.DeleteMany(Query.EQ("scope", token.Scope));
                }

                tokens.Insert(new BsonDocument
                {
                    ["_id"] = token.Id,
                    ["scope"] = token.Scope,
                    ["hash"] = token.Hash,
                    ["prefix"] = token.Prefix,
                    ["created_at"] = UnixTime.ToMilliseconds(token.CreatedAt),
                    ["expires_at"] = Documents.Time(token.ExpiresAt),
                    ["last_used_at"] = BsonValue.Null,
                    ["created_by"] = Documents.Text(token.CreatedBy),
                });
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuthTokenRecord?> FindTokenAsync(byte[] hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return database.ReadAsync(
            db => db.GetCollection(Collections.AuthTokens).FindOne(Query.EQ("hash", hash)) is { } token ? Read(token) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuthTokenRecord>> ListTokensAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.ReadAsync<IReadOnlyList<AuthTokenRecord>>(
            db => db.GetCollection(Collections.AuthTokens).Find(Query.EQ("scope", scope))
                .Select(Read)
                .OrderByDescending(t => t.CreatedAt)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task TouchTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(
            db =>
            {
                var tokens = db.GetCollection(Collections.AuthTokens);
                if (tokens.FindById(id) is not { } token)
                {
                    return false;
                }

                token["last_used_at"] = UnixTime.ToMilliseconds(usedAt);
                return tokens.Update(token);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var nowMilliseconds = UnixTime.ToMilliseconds(now);
        return database.WriteAsync(
            db =>
            {
                var tokens = db.GetCollection(Collections.AuthTokens);

                // Only tokens that have an expiry: a null sorts below every number, so the range starts at zero.
                var expired = tokens.Find(Query.Between("expires_at", new BsonValue(0L), new BsonValue(nowMilliseconds)), 0, max)
                    .Select(t => t["_id"])
                    .ToList();
                foreach (var id in expired)
                {
                    tokens.Delete(id);
                }

                return expired.Count;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(db => db.GetCollection(Collections.AuthTokens).Delete(id), cancellationToken);

    private static AuthTokenRecord Read(BsonDocument token) => new(
        token["_id"].AsString,
        token["scope"].AsString,
        token["hash"].AsBinary,
        token["prefix"].AsString,
        Documents.Time(token, "created_at"),
        Documents.OptionalTime(token, "expires_at"),
        Documents.OptionalTime(token, "last_used_at"),
        Documents.OptionalText(token, "created_by"));
}
