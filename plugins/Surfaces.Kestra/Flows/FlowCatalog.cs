using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>The flows read at start, found by namespace and id (as a webhook URL names them) or by hook name (as a run does).</summary>
internal sealed class FlowCatalog
{
    private readonly Dictionary<(string Namespace, string Id), FlowDefinition> _flows = [];
    private readonly Dictionary<string, (FlowDefinition Flow, WebhookTrigger Trigger)> _hooks = new(StringComparer.Ordinal);

    /// <summary>Creates the catalog.</summary>
    /// <param name="flows">The flows, each defined once.</param>
    public FlowCatalog(IEnumerable<FlowDefinition> flows)
    {
        foreach (var flow in flows)
        {
            _flows[(flow.Namespace, flow.Id)] = flow;
            foreach (var trigger in flow.Webhooks)
            {
                _hooks[trigger.HookName] = (flow, trigger);
            }
        }
    }

    /// <summary>Every flow.</summary>
    public IReadOnlyCollection<FlowDefinition> Flows => _flows.Values;

    /// <summary>The flow, or <c>null</c>. Namespaces and ids compare exactly, as in Kestra.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="id">The flow id.</param>
    public FlowDefinition? Find(string @namespace, string id) => _flows.GetValueOrDefault((@namespace, id));

    /// <summary>The flow and webhook trigger a hook serves, or <c>null</c> when the hook is not one of them.</summary>
    /// <param name="hookName">The hook's name.</param>
    public (FlowDefinition Flow, WebhookTrigger Trigger)? FindHook(string hookName) =>
        _hooks.TryGetValue(hookName, out var found) ? found : null;

    /// <summary>
    /// The webhook trigger of <paramref name="flow"/> whose key is <paramref name="presentedKey"/>, or <c>null</c>.
    /// Every trigger's digest is compared, in constant time, whichever matches.
    /// </summary>
    /// <param name="flow">The flow.</param>
    /// <param name="presentedKey">The key from the URL.</param>
    public static WebhookTrigger? MatchKey(FlowDefinition flow, string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey.Trim()));
        WebhookTrigger? match = null;
        foreach (var trigger in flow.Webhooks)
        {
            if (CryptographicOperations.FixedTimeEquals(trigger.KeyHash, presented))
            {
                match ??= trigger;
            }
        }

        return match;
    }
}
