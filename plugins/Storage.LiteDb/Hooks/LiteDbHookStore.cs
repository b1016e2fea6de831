using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Hooks;

/// <summary>Stores hook definitions, one document per hook, keyed by name.</summary>
internal sealed class LiteDbHookStore(LiteDbDatabase database) : IHookStore
{
    /// <inheritdoc />
    public Task<HookRecord> UpsertHookAsync(string name, string definition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        return database.WriteAsync(
            db =>
            {
                var hooks = db.GetCollection(Collections.Hooks);
                var now = database.NowMilliseconds;

                // A new hook starts enabled; an existing one keeps its creation time and its enabled flag, which an
                // operator may have changed on purpose.
                var hook = hooks.FindById(name) ?? new BsonDocument { ["_id"] = name, ["enabled"] = true, ["created_at"] = now };
                hook["definition"] = definition;
                hook["updated_at"] = now;
                hooks.Upsert(hook);
                return Read(hook);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetHookEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(
            db =>
            {
                var hooks = db.GetCollection(Collections.Hooks);
                if (hooks.FindById(name) is not { } hook)
                {
                    return false;
                }

                hook["enabled"] = enabled;
                hook["updated_at"] = database.NowMilliseconds;
                return hooks.Update(hook);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<HookRecord?> GetHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync(db => db.GetCollection(Collections.Hooks).FindById(name) is { } hook ? Read(hook) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(db => db.GetCollection(Collections.Hooks).Delete(name), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookRecord>> ListHooksAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<HookRecord>>(
            db => db.GetCollection(Collections.Hooks).Query().OrderBy("$._id").ToEnumerable().Select(Read).ToList(), cancellationToken);

    private static HookRecord Read(BsonDocument hook) => new(
        hook["_id"].AsString,
        hook["definition"].AsString,
        hook["enabled"].AsBoolean,
        Documents.Time(hook, "created_at"),
        Documents.Time(hook, "updated_at"));
}
