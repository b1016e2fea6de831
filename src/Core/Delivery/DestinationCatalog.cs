using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// The destinations in memory, so that matching an event costs no read. Reloaded after every change made through
/// this process (before the change's call returns) and every <see cref="DeliveryOptions.RefreshSeconds"/> for
/// changes made elsewhere (another host, the command line).
/// </summary>
internal sealed class DestinationCatalog(IDeliveryStore? store)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile IReadOnlyList<CompiledDestination> _all = [];
    private volatile bool _loaded;

    /// <summary>Whether a store with destinations is deployed at all.</summary>
    public bool Available => store is not null;

    /// <summary>The destinations that want an event of <paramref name="subject"/> from <paramref name="hookName"/>.</summary>
    public async ValueTask<IReadOnlyList<CompiledDestination>> MatchAsync(string subject, string? hookName, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return [];
        }

        if (!_loaded)
        {
            await ReloadAsync(cancellationToken);
        }

        List<CompiledDestination>? matches = null;
        foreach (var destination in _all)
        {
            if (destination.Wants(subject, hookName))
            {
                (matches ??= []).Add(destination);
            }
        }

        return matches ?? (IReadOnlyList<CompiledDestination>)[];
    }

    /// <summary>Reads every destination again.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return;
        }

        await _reload.WaitAsync(cancellationToken);
        try
        {
            var records = await store.ListDestinationsAsync(null, cancellationToken);
            _all = records.Select(CompiledDestination.From).ToArray();
            _loaded = true;
        }
        finally
        {
            _reload.Release();
        }
    }
}
