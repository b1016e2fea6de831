using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Conditions;

namespace Webhooks.Modular.Core.Plugins.Reloading;

/// <summary>
/// One build of a reloadable plugin: its load context, its own service container (what its
/// <c>ConfigureServices</c> registered) and the factories taken from it. Requests lease the generation their
/// hook was built from; once a newer build has replaced it and the last lease is returned, the container is
/// disposed and the load context unloaded, so that the collector can free it.
/// </summary>
internal sealed class PluginGeneration
{
    // Leases in use; -1 once closed (retired and drained), after which no lease is handed out.
    private int _leases;
    private volatile bool _retired;
    private ServiceProvider? _services;
    private Action<PluginGeneration>? _onUnloaded;

    public PluginGeneration(LoadedPlugin loaded, int number, IServiceCollection registrations)
    {
        Loaded = loaded;
        Number = number;
        Registrations = registrations;
    }

    public LoadedPlugin Loaded { get; }

    public string PluginName => Loaded.Context.Name;

    /// <summary>1 for the build loaded at start, then one more for each build that replaced it.</summary>
    public int Number { get; }

    /// <summary>What the plugin's <c>ConfigureServices</c> registered, before the host adds its shared services.</summary>
    public IServiceCollection Registrations { get; }

    public IReadOnlyList<IAuthSchemeFactory> AuthSchemes { get; private set; } = [];

    public IReadOnlyList<ITriggerConditionFactory> Conditions { get; private set; } = [];

    public IReadOnlyList<IRunActionFactory> Actions { get; private set; } = [];

    public bool IsRetired => _retired;

    /// <summary>Builds the plugin's container (with the host's shared services already added) and takes its factories.</summary>
    /// <param name="services">The generation's registrations plus the host's shared services.</param>
    public void Start(IServiceCollection services)
    {
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        AuthSchemes = [.. _services.GetServices<IAuthSchemeFactory>()];
        Conditions = [.. _services.GetServices<ITriggerConditionFactory>()];
        Actions = [.. _services.GetServices<IRunActionFactory>()];
    }

    /// <summary>Takes a lease, or answers <c>false</c> when the generation has already been retired and drained.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            if (leases < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && _retired)
        {
            TryClose();
        }
    }

    /// <summary>
    /// A newer build serves from now on: unload this one as soon as the requests holding it finish (at once when
    /// none does).
    /// </summary>
    /// <param name="onUnloaded">Told when the generation is unloaded.</param>
    public void Retire(Action<PluginGeneration> onUnloaded)
    {
        _onUnloaded = onUnloaded;
        _retired = true;
        TryClose();
    }

    /// <summary>Unloads a generation that never served (a refused build) or the current one at shutdown.</summary>
    public void Discard()
    {
        _retired = true;
        Interlocked.Exchange(ref _leases, -1);
        Close();
    }

    private void TryClose()
    {
        // Only the thread that moves the count from 0 to -1 closes; a lease taken in between wins and closes later.
        if (Interlocked.CompareExchange(ref _leases, -1, 0) == 0)
        {
            Close();
            _onUnloaded?.Invoke(this);
        }
    }

    private void Close()
    {
        var services = Interlocked.Exchange(ref _services, null);
        try
        {
            services?.Dispose();
        }
        finally
        {
            AuthSchemes = [];
            Conditions = [];
            Actions = [];
            Loaded.Loader?.Dispose();
        }
    }
}
