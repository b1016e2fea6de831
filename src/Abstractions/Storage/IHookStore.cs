namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Stores hook definitions.</summary>
public interface IHookStore
{
    /// <summary>Inserts or replaces a hook; keeps its creation time and enabled flag when it exists.</summary>
    /// <param name="name">The hook's name.</param>
    /// <param name="definition">Its definition as JSON, secrets left out.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<HookRecord> UpsertHookAsync(string name, string definition, CancellationToken cancellationToken);

    /// <summary>Enables or disables a hook; false when there is no such hook.</summary>
    /// <param name="name">The hook's name.</param>
    /// <param name="enabled">The new state.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> SetHookEnabledAsync(string name, bool enabled, CancellationToken cancellationToken);

    /// <summary>A hook by name, or <c>null</c>.</summary>
    /// <param name="name">The hook's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<HookRecord?> GetHookAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes a hook; false when there was none. Its events and runs stay.</summary>
    /// <param name="name">The hook's name.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteHookAsync(string name, CancellationToken cancellationToken);

    /// <summary>All hooks, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<HookRecord>> ListHooksAsync(CancellationToken cancellationToken);
}
