using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>Orders plugins so that each comes after the plugins it depends on; refuses unknown dependencies and cycles.</summary>
internal static class PluginOrder
{
    public static IReadOnlyList<LoadedPlugin> Sort(IReadOnlyList<LoadedPlugin> plugins, string file)
    {
        var byName = plugins.ToDictionary(p => p.Context.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in plugins)
        {
            foreach (var dependency in plugin.Plugin.DependsOn)
            {
                if (!byName.ContainsKey(dependency))
                {
                    throw new PluginConfigurationException(
                        file, plugin.Context.Name, "dependsOn", $"depends on '{dependency}', which is not in the deployment's plugins");
                }
            }
        }

        var sorted = new List<LoadedPlugin>(plugins.Count);
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = visiting, true = done
        var path = new Stack<string>();
        foreach (var plugin in plugins)
        {
            Visit(plugin);
        }

        return sorted;

        void Visit(LoadedPlugin plugin)
        {
            var name = plugin.Context.Name;
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(n => !n.Equals(name, StringComparison.OrdinalIgnoreCase)).Append(name);
                    throw new PluginConfigurationException(file, name, "dependsOn", $"dependency cycle: {string.Join(" -> ", cycle)}");
                }

                return;
            }

            state[name] = false;
            path.Push(name);
            foreach (var dependency in plugin.Plugin.DependsOn)
            {
                Visit(byName[dependency]);
            }

            path.Pop();
            state[name] = true;
            sorted.Add(plugin);
        }
    }
}
