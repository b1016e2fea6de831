using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Diagnostics;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>
/// The DAG webhooks: each is a record in the hook store, a run-time hook in the catalog and a bearer-token scope
/// (<c>dag:{dag}</c>). Changes are serialised, so "one webhook per DAG" holds under concurrent requests; the
/// record is the truth, which <see cref="ReconcileAsync"/> brings this host's catalog back in line with when other
/// hosts sharing the database change it.
/// </summary>
internal sealed class DagWebhooks(
    IHookStore store,
    IHookCatalog catalog,
    ITokenService tokens,
    IAuthTokenStore tokenStore,
    TimeProvider clock,
    ILogger<DagWebhooks> logger)
{
    public const string TokenPrefix = "dagu_wh_";

    private readonly SemaphoreSlim _changes = new(1, 1);

    // Guarded by _changes. DAG -> the version (StoredWebhook.Version) of the record this host's catalog serves, or of
    // the one it could not (reported once, tried again when the record changes); records that are not webhooks.
    private readonly Dictionary<string, string> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);
    private bool _restored;

    /// <summary>
    /// Brings this host's catalog in line with the hook store: serves the stored webhooks it does not serve yet (all of
    /// them on the first call, at start), serves again those created anew or rewritten, follows their enabled flags,
    /// and stops serving those deleted. Another host sharing the database may have made any of these changes. Runs
    /// between this host's own changes, never during one, so it sees them whole and leaves them as they are.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for a change to finish and the read.</param>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = await store.ListHooksAsync(cancellationToken).ConfigureAwait(false);
            var restoring = !_restored;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unreadable = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (!record.Name.StartsWith(StoredWebhook.RecordPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (StoredWebhook.From(record) is not { } webhook)
                {
                    // Said once, not every second.
                    unreadable.Add(record.Name);
                    if (_unreadable.Add(record.Name))
                    {
                        Log.UnreadableRecord(logger, record.Name);
                    }

                    continue;
                }

                seen.Add(webhook.DagName);
                Follow(webhook, StoredWebhook.Version(record), restoring);
            }

            // Only the hooks this surface registered from a record are removed: not a hook of plugins.json, not another surface's.
            foreach (var dag in _served.Keys.Where(dag => !seen.Contains(dag)).ToArray())
            {
                catalog.Remove(DagNames.HookName(dag));
                _served.Remove(dag);
                Log.WebhookFollowed(logger, dag, "deleted");
            }

            foreach (var dag in _refused.Keys.Where(dag => !seen.Contains(dag)).ToArray())
            {
                _refused.Remove(dag);
            }

            _unreadable.IntersectWith(unreadable);
            if (restoring)
            {
                _restored = true;
                Log.WebhooksRestored(logger, _served.Count);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The DAG's webhook, or <c>null</c>.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<WebhookView?> GetAsync(string dag, CancellationToken cancellationToken) =>
        await FindAsync(dag, cancellationToken).ConfigureAwait(false) is { } webhook
            ? await ViewAsync(webhook, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Every DAG's webhook, by DAG name.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<WebhookView>();
        foreach (var record in await store.ListHooksAsync(cancellationToken).ConfigureAwait(false))
        {
            if (StoredWebhook.From(record) is { } webhook)
            {
                views.Add(await ViewAsync(webhook, cancellationToken).ConfigureAwait(false));
            }
        }

        return views;
    }

    /// <summary>Creates the DAG's webhook with a new token; <c>null</c> when the DAG already has one.</summary>
    /// <param name="dag">The DAG's name (its file must exist: the caller checks).</param>
    /// <param name="user">Who creates it.</param>
    /// <param name="cancellationToken">Cancels waiting for another change to finish; once this one starts, it is not cancelled.</param>
    public async Task<IssuedWebhook?> CreateAsync(string dag, ApiUser user, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // From here on nothing is cancelled: a change half made because the caller hung up would leave the
            // record, the hook and the tokens disagreeing.
            if (await store.GetHookAsync(StoredWebhook.RecordName(dag), CancellationToken.None).ConfigureAwait(false) is not null)
            {
                return null;
            }

            // The hook first: it is what checks the definition, so nothing is stored for one that cannot be served.
            var hook = DagNames.HookName(dag);
            catalog.Register(StoredWebhook.HookDefinition(dag, enabled: true).ToJsonString());
            try
            {
                var issued = await tokens.IssueAsync(DagNames.TokenScope(dag), TokenPrefix, null, user.Id, replaceScope: true, CancellationToken.None).ConfigureAwait(false);
                var record = await store.UpsertHookAsync(
                    StoredWebhook.RecordName(dag), StoredWebhook.Definition(Guid.CreateVersion7(clock.GetUtcNow()).ToString(), dag, user.Id), CancellationToken.None).ConfigureAwait(false);
                _served[dag] = StoredWebhook.Version(record);
                _refused.Remove(dag);
                Log.WebhookChanged(logger, dag, "created", user.Id);
                return new IssuedWebhook(await ViewAsync(StoredWebhook.From(record)!, CancellationToken.None).ConfigureAwait(false), issued.Token);
            }
            catch
            {
                catalog.Remove(hook);
                _served.Remove(dag);
                throw;
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Replaces the webhook's token; the old one stops working at once. <c>null</c> when there is no webhook.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="user">Who asks.</param>
    /// <param name="cancellationToken">Cancels waiting for another change to finish; once this one starts, it is not cancelled.</param>
    public async Task<IssuedWebhook?> RegenerateAsync(string dag, ApiUser user, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // From here on nothing is cancelled: a change half made because the caller hung up would leave the
            // record, the hook and the tokens disagreeing.
            var existing = await store.GetHookAsync(StoredWebhook.RecordName(dag), CancellationToken.None).ConfigureAwait(false);
            if (existing is null || StoredWebhook.From(existing) is null)
            {
                return null;
            }

            // Rotation deletes the scope's other tokens in the same transaction as it stores the new one.
            var issued = await tokens.IssueAsync(DagNames.TokenScope(dag), TokenPrefix, null, user.Id, replaceScope: true, CancellationToken.None).ConfigureAwait(false);

            // Rewriting the same definition moves updatedAt.
            var record = await store.UpsertHookAsync(existing.Name, existing.Definition, CancellationToken.None).ConfigureAwait(false);
            Log.WebhookChanged(logger, dag, "token regenerated", user.Id);
            return new IssuedWebhook(await ViewAsync(StoredWebhook.From(record)!, CancellationToken.None).ConfigureAwait(false), issued.Token);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Enables or disables the webhook; <c>null</c> when there is none.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="enabled">The new state.</param>
    /// <param name="user">Who asks.</param>
    /// <param name="cancellationToken">Cancels waiting for another change to finish; once this one starts, it is not cancelled.</param>
    public async Task<WebhookView?> SetEnabledAsync(string dag, bool enabled, ApiUser user, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // From here on nothing is cancelled: a change half made because the caller hung up would leave the
            // record, the hook and the tokens disagreeing.
            if (!await store.SetHookEnabledAsync(StoredWebhook.RecordName(dag), enabled, CancellationToken.None).ConfigureAwait(false))
            {
                return null;
            }

            // Another host may have deleted it since; its reconciliation is then this host's next pass.
            if (await store.GetHookAsync(StoredWebhook.RecordName(dag), CancellationToken.None).ConfigureAwait(false) is not { } record
                || StoredWebhook.From(record) is not { } webhook)
            {
                return null;
            }

            if (!catalog.SetEnabled(DagNames.HookName(dag), enabled))
            {
                // Not served (it could not be restored, or was created on another host a moment ago): building it
                // again now also shows why, if it still fails.
                catalog.Register(StoredWebhook.HookDefinition(dag, enabled).ToJsonString());
            }

            _served[dag] = StoredWebhook.Version(record);
            _refused.Remove(dag);
            Log.WebhookChanged(logger, dag, enabled ? "enabled" : "disabled", user.Id);
            return await ViewAsync(webhook, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Deletes the webhook and revokes its tokens; false when there was none. Its past runs stay.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="user">Who asks.</param>
    /// <param name="cancellationToken">Cancels waiting for another change to finish; once this one starts, it is not cancelled.</param>
    public async Task<bool> DeleteAsync(string dag, ApiUser user, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // From here on nothing is cancelled: a change half made because the caller hung up would leave the
            // record, the hook and the tokens disagreeing.
            if (!await store.DeleteHookAsync(StoredWebhook.RecordName(dag), CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }

            catalog.Remove(DagNames.HookName(dag));
            _served.Remove(dag);
            _refused.Remove(dag);

            // The engine's own summary of the hook, written at start while it was registered.
            await store.DeleteHookAsync(DagNames.HookName(dag), CancellationToken.None).ConfigureAwait(false);
            foreach (var token in await tokenStore.ListTokensAsync(DagNames.TokenScope(dag), CancellationToken.None).ConfigureAwait(false))
            {
                await tokenStore.RevokeTokenAsync(token.Id, CancellationToken.None).ConfigureAwait(false);
            }

            Log.WebhookChanged(logger, dag, "deleted", user.Id);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Serves one stored webhook as stored, unless it already is; registers its hook only when new or rewritten.</summary>
    private void Follow(StoredWebhook webhook, string version, bool restoring)
    {
        var dag = webhook.DagName;
        var hook = DagNames.HookName(dag);
        var served = _served.GetValueOrDefault(dag);
        if (served == version && catalog.IsEnabled(hook) is { } enabled)
        {
            if (enabled != webhook.Enabled)
            {
                catalog.SetEnabled(hook, webhook.Enabled);
                Log.WebhookFollowed(logger, dag, webhook.Enabled ? "enabled" : "disabled");
            }

            return;
        }

        if (_refused.GetValueOrDefault(dag) == version)
        {
            return;
        }

        try
        {
            catalog.Register(StoredWebhook.HookDefinition(dag, webhook.Enabled).ToJsonString());
        }
        catch (PluginConfigurationException exception)
        {
            // One unusable webhook (say, its auth plugin was removed) must not keep the host from serving the rest. A
            // rewritten one that no longer builds stops being served rather than being served as it was.
            if (_served.Remove(dag))
            {
                catalog.Remove(hook);
            }

            _refused[dag] = version;
            Log.WebhookNotRestored(logger, dag, exception.Message);
            return;
        }

        _served[dag] = version;
        _refused.Remove(dag);
        if (!restoring)
        {
            Log.WebhookFollowed(logger, dag, served is null ? "created" : "created again or rewritten");
        }
    }

    private async Task<StoredWebhook?> FindAsync(string dag, CancellationToken cancellationToken) =>
        await store.GetHookAsync(StoredWebhook.RecordName(dag), cancellationToken).ConfigureAwait(false) is { } record
            ? StoredWebhook.From(record)
            : null;

    private async Task<WebhookView> ViewAsync(StoredWebhook webhook, CancellationToken cancellationToken)
    {
        // Newest first: after a rotation there is only one, but a token issued by hand with the `token` verb may sit beside it.
        var token = (await tokenStore.ListTokensAsync(DagNames.TokenScope(webhook.DagName), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        return new WebhookView(
            webhook.Id,
            webhook.DagName,
            token?.Prefix ?? string.Empty,
            webhook.Enabled,
            webhook.CreatedAt.UtcDateTime,
            webhook.UpdatedAt.UtcDateTime,
            webhook.CreatedBy,
            token?.LastUsedAt?.UtcDateTime);
    }
}
