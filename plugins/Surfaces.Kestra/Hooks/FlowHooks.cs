using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Surfaces.Kestra.Hooks;

/// <summary>The run-time hook that serves one webhook trigger of a flow.</summary>
internal static class FlowHooks
{
    public const string Surface = "kestra";
    public const string KeyRouteValue = "key";

    private static readonly string[] Methods = ["GET", "POST", "PUT"];

    /// <summary>
    /// The hook's definition: served only through this surface, for GET, POST and PUT; auth <c>url-key</c> with the
    /// trigger's key in the route value <c>key</c> (redacted from stored paths); the trigger's conditions 1:1; the
    /// <c>kestra-flow</c> action; disabled when the flow or the trigger is.
    /// </summary>
    /// <param name="flow">The flow.</param>
    /// <param name="trigger">One of its webhook triggers.</param>
    /// <param name="maxBodyBytes">The body limit.</param>
    public static JsonObject Definition(FlowDefinition flow, WebhookTrigger trigger, long maxBodyBytes) => new()
    {
        ["name"] = trigger.HookName,
        ["surface"] = Surface,
        ["methods"] = new JsonArray(Methods.Select(method => (JsonNode)method).ToArray()),
        ["maxBodyBytes"] = maxBodyBytes,
        ["enabled"] = !flow.Disabled && !trigger.Disabled,
        ["auth"] = new JsonObject
        {
            ["scheme"] = "url-key",
            ["settings"] = new JsonObject { ["key"] = trigger.Key, ["routeValue"] = KeyRouteValue },
        },
        ["conditions"] = new JsonArray(trigger.Conditions.Select(condition => (JsonNode)new JsonObject
        {
            ["type"] = condition.Type,
            ["settings"] = JsonNode.Parse(condition.SettingsJson),
        }).ToArray()),
        ["action"] = new JsonObject
        {
            ["type"] = FlowActionFactory.ActionType,
            ["settings"] = new JsonObject { ["flow"] = flow.File },
        },
    };

    /// <summary>
    /// Where in the flow file a key of the hook's definition comes from: <c>hook:conditions:0:settings:expression</c>
    /// is <c>triggers:{i}:conditions:0:expression</c>, the auth key is <c>triggers:{i}:key</c>; anything else is the trigger.
    /// </summary>
    /// <param name="hookKey">The key an engine error names.</param>
    /// <param name="trigger">The trigger.</param>
    public static string FlowKey(string hookKey, WebhookTrigger trigger)
    {
        const string conditions = "hook:conditions:";
        var triggerPath = $"triggers:{trigger.Index}";
        if (hookKey.StartsWith(conditions, StringComparison.Ordinal))
        {
            var parts = hookKey[conditions.Length..].Split(':').Where(part => part != "settings");
            return $"{triggerPath}:conditions:{string.Join(':', parts)}";
        }

        return hookKey.StartsWith("hook:auth:", StringComparison.Ordinal) ? $"{triggerPath}:key" : triggerPath;
    }
}
