using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins.Reloading;

/// <summary>
/// The factories hooks are built with at one moment: the host's and fixed plugins' from the container, plus the
/// current build of each reloadable plugin. Immutable: a reload makes a new one and swaps it in whole.
/// </summary>
internal sealed class ComponentFactories
{
    private readonly Dictionary<object, PluginGeneration> _owners;

    private ComponentFactories(
        Dictionary<string, IAuthSchemeFactory> authSchemes,
        Dictionary<string, ITriggerConditionFactory> conditions,
        Dictionary<string, IRunActionFactory> actions,
        Dictionary<object, PluginGeneration> owners)
    {
        AuthSchemes = authSchemes;
        Conditions = conditions;
        Actions = actions;
        _owners = owners;
    }

    public IReadOnlyDictionary<string, IAuthSchemeFactory> AuthSchemes { get; }

    public IReadOnlyDictionary<string, ITriggerConditionFactory> Conditions { get; }

    public IReadOnlyDictionary<string, IRunActionFactory> Actions { get; }

    public static ComponentFactories Create(
        IEnumerable<IAuthSchemeFactory> authSchemes,
        IEnumerable<ITriggerConditionFactory> conditions,
        IEnumerable<IRunActionFactory> actions,
        IEnumerable<PluginGeneration> generations,
        string file)
    {
        var factories = new ComponentFactories(
            authSchemes.ToDictionary(f => f.Scheme, StringComparer.OrdinalIgnoreCase),
            conditions.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase),
            actions.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase),
            new Dictionary<object, PluginGeneration>(ReferenceEqualityComparer.Instance));
        foreach (var generation in generations)
        {
            factories.Add(generation, file);
        }

        return factories;
    }

    /// <summary>The build of a reloadable plugin the factory belongs to, or <c>null</c> for a fixed one.</summary>
    public PluginGeneration? OwnerOf(object factory) => _owners.GetValueOrDefault(factory);

    /// <summary>These factories with <paramref name="replaced"/>'s exchanged for <paramref name="replacement"/>'s.</summary>
    public ComponentFactories Replace(PluginGeneration replaced, PluginGeneration replacement, string file)
    {
        bool Kept(object factory) => !ReferenceEquals(OwnerOf(factory), replaced);
        var factories = new ComponentFactories(
            AuthSchemes.Where(p => Kept(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            Conditions.Where(p => Kept(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            Actions.Where(p => Kept(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            _owners.Where(p => p.Value != replaced).ToDictionary(p => p.Key, p => p.Value, ReferenceEqualityComparer.Instance));
        factories.Add(replacement, file);
        return factories;
    }

    private void Add(PluginGeneration generation, string file)
    {
        Add((Dictionary<string, IAuthSchemeFactory>)AuthSchemes, generation.AuthSchemes, f => f.Scheme, "auth scheme", generation, file);
        Add((Dictionary<string, ITriggerConditionFactory>)Conditions, generation.Conditions, f => f.Type, "condition type", generation, file);
        Add((Dictionary<string, IRunActionFactory>)Actions, generation.Actions, f => f.Type, "action type", generation, file);
    }

    private void Add<T>(Dictionary<string, T> into, IEnumerable<T> from, Func<T, string> name, string what, PluginGeneration generation, string file)
        where T : class
    {
        foreach (var factory in from)
        {
            if (!into.TryAdd(name(factory), factory))
            {
                throw new PluginConfigurationException(
                    file, generation.PluginName, "reloadable", $"{what} '{name(factory)}' is provided by another plugin too");
            }

            _owners[factory] = generation;
        }
    }
}
