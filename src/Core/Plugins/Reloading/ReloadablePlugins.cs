using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins.Reloading;

/// <summary>
/// The current build of every plugin the deployment marked reloadable. A reloadable plugin's
/// <c>ConfigureServices</c> registers into a container of its own (which also sees the host's logging and
/// <see cref="TimeProvider"/>), so that a new build can replace all of it; the host takes only its auth schemes,
/// conditions and actions, through <see cref="ComponentFactories"/>.
/// </summary>
internal sealed class ReloadablePlugins : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PluginGeneration> _current = new(StringComparer.OrdinalIgnoreCase);
    private IServiceProvider? _host;

    public ReloadablePlugins(string file, IEnumerable<PluginGeneration> initial)
    {
        File = file;
        foreach (var generation in initial)
        {
            _current[generation.PluginName] = generation;
        }
    }

    /// <summary>The deployment file, for errors.</summary>
    public string File { get; }

    public IReadOnlyList<PluginGeneration> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _current.Values];
            }
        }
    }

    public PluginGeneration? CurrentOf(string plugin)
    {
        lock (_gate)
        {
            return _current.GetValueOrDefault(plugin);
        }
    }

    /// <summary>Builds the containers of the builds loaded at start, now that the host's services exist.</summary>
    /// <param name="host">The host's services.</param>
    public ReloadablePlugins Attach(IServiceProvider host)
    {
        lock (_gate)
        {
            if (_host is not null)
            {
                return this;
            }

            _host = host;
            foreach (var generation in _current.Values)
            {
                Start(generation);
            }
        }

        return this;
    }

    /// <summary>Builds a new generation's container with the host's shared services.</summary>
    public void Start(PluginGeneration generation)
    {
        var host = _host ?? throw new InvalidOperationException("the host's services are not attached yet");
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton(host.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(host.GetService<TimeProvider>() ?? TimeProvider.System);
        foreach (var registration in generation.Registrations)
        {
            services.Add(registration);
        }

        try
        {
            generation.Start(services);
        }
        catch (Exception ex)
        {
            throw new PluginConfigurationException(File, generation.PluginName, "reloadable", $"its services could not be built: {PluginFailure.Describe(ex)}", ex);
        }
    }

    /// <summary>Makes <paramref name="replacement"/> the current build (under the hook registry's lock, with the hooks).</summary>
    public void Replace(PluginGeneration replaced, PluginGeneration replacement)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_current.GetValueOrDefault(replaced.PluginName), replaced))
            {
                throw new InvalidOperationException($"build {replaced.Number} of {replaced.PluginName} is not the current one");
            }

            _current[replacement.PluginName] = replacement;
        }
    }

    /// <summary>
    /// Runs a reloadable plugin's <c>ConfigureServices</c> into a collection of its own, and refuses what cannot be
    /// replaced later: a hosted service, or any contract of the host besides auth schemes, conditions and actions
    /// (storage, surfaces, tokens...).
    /// </summary>
    /// <param name="plugin">The loaded build.</param>
    /// <param name="file">The deployment file, for errors.</param>
    /// <param name="key">The plugin's entry, such as <c>plugins:4</c>.</param>
    public static IServiceCollection Configure(LoadedPlugin plugin, string file, string key)
    {
        var services = new ServiceCollection();
        try
        {
            plugin.Plugin.ConfigureServices(services, plugin.Context);
        }
        catch (Exception ex) when (ex is not PluginConfigurationException)
        {
            throw new PluginConfigurationException(
                file, plugin.Context.Name, key, $"{plugin.Plugin.GetType().Name}.ConfigureServices threw {PluginFailure.Describe(ex)}", ex);
        }

        var contract = typeof(IWebhookPlugin).Assembly;
        foreach (var service in services.Select(d => d.ServiceType).Distinct())
        {
            var replaceable = service == typeof(IAuthSchemeFactory) || service == typeof(ITriggerConditionFactory) || service == typeof(IRunActionFactory);
            if (!replaceable && (service.Assembly == contract || service == typeof(IHostedService)))
            {
                throw new PluginConfigurationException(
                    file, plugin.Context.Name, $"{key}:reloadable",
                    $"a reloadable plugin may provide only auth schemes, conditions and actions, but this one registers {service.Name} (storage, surfaces and host services cannot be reloaded)");
            }
        }

        return services;
    }

    public void Dispose()
    {
        foreach (var generation in Current)
        {
            generation.Discard();
        }
    }
}
