using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>The hooks this host serves, by name (case-sensitive, as in a URL path): the deployment's, and those surfaces add at run time.</summary>
internal sealed class HookRegistry(DeploymentModel deployment, HookFactory factory) : IHookCatalog
{
    private const string RunTimeSource = "(hook registered at run time)";

    private readonly ConcurrentDictionary<string, Hook> _hooks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _built;
    private IReadOnlyList<Hook> _deploymentHooks = [];

    // Event triggers apart, rebuilt on every change: matching an event reads them on every accepted request,
    // and should not walk the hooks surfaces add by the hundred (one per DAG, trigger or flow).
    private volatile Hook[] _eventTriggers = [];

    /// <summary>Builds every hook of the deployment; throws the first configuration error.</summary>
    public void Build()
    {
        lock (_gate)
        {
            if (_built)
            {
                return;
            }

            var built = new List<Hook>();
            foreach (var (key, section) in deployment.Hooks)
            {
                var hook = factory.Create(section, key, deployment.File, deployment.BaseDirectory);
                if (!_hooks.TryAdd(hook.Name, hook))
                {
                    throw new PluginConfigurationException(deployment.File, $"hook '{hook.Name}'", $"{key}:name", "another hook has the same name");
                }

                built.Add(hook);
            }

            _deploymentHooks = built;
            _built = true;
            RefreshEventTriggers();
        }
    }

    public Hook? Find(string name)
    {
        Build();
        return _hooks.GetValueOrDefault(name);
    }

    /// <summary>The hooks of the deployment file or builder, not those surfaces registered at run time.</summary>
    public IReadOnlyList<Hook> DeploymentHooks
    {
        get
        {
            Build();
            return _deploymentHooks;
        }
    }

    public void Register(string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        Build();
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(definitionJson))).Build();
        var hook = factory.Create(section, "hook", RunTimeSource, deployment.BaseDirectory);
        lock (_gate)
        {
            _hooks[hook.Name] = hook;
            RefreshEventTriggers();
        }
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            var removed = _hooks.TryRemove(name, out _);
            RefreshEventTriggers();
            return removed;
        }
    }

    /// <summary>The hooks that subscribe to a subject.</summary>
    public IReadOnlyList<Hook> EventTriggers
    {
        get
        {
            Build();
            return _eventTriggers;
        }
    }

    /// <summary>Every hook, from the deployment and registered at run time (a snapshot).</summary>
    public IReadOnlyList<Hook> All
    {
        get
        {
            Build();
            return [.. _hooks.Values];
        }
    }

    private void RefreshEventTriggers() => _eventTriggers = _hooks.Values.Where(h => h.Subject is not null).ToArray();

    public bool? IsEnabled(string name) => Find(name)?.Enabled;

    public bool SetEnabled(string name, bool enabled)
    {
        if (Find(name) is not { } hook)
        {
            return false;
        }

        hook.Enabled = enabled;
        return true;
    }
}
