using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>The hooks this host serves, by name (case-sensitive, as in a URL path).</summary>
internal sealed class HookRegistry(DeploymentModel deployment, HookFactory factory)
{
    private readonly ConcurrentDictionary<string, Hook> _hooks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _built;

    /// <summary>Builds every hook of the deployment; throws the first configuration error.</summary>
    public void Build()
    {
        lock (_gate)
        {
            if (_built)
            {
                return;
            }

            foreach (var (key, section) in deployment.Hooks)
            {
                var hook = factory.Create(section, key, deployment.File, deployment.BaseDirectory);
                if (!_hooks.TryAdd(hook.Name, hook))
                {
                    throw new PluginConfigurationException(deployment.File, $"hook '{hook.Name}'", $"{key}:name", "another hook has the same name");
                }
            }

            _built = true;
        }
    }

    public Hook? Find(string name)
    {
        Build();
        return _hooks.GetValueOrDefault(name);
    }

    public IReadOnlyCollection<Hook> All
    {
        get
        {
            Build();
            return (IReadOnlyCollection<Hook>)_hooks.Values;
        }
    }
}
