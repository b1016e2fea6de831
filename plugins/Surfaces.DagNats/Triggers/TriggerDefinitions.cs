using System.Text.Json.Nodes;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// The run-time hook that serves a trigger, in the shape of a <c>plugins.json</c> hook: a webhook trigger is a hook of
/// the <c>dagnats</c> surface verified by the HMAC scheme's <c>dagnats</c> preset; an event trigger is a hook with a
/// subject (and a <c>json-field</c> condition when filtered). Both run their workflow with the <c>steps</c> action.
/// </summary>
internal static class TriggerDefinitions
{
    public const string Surface = "dagnats";
    public const string ContentType = "application/json";
    public const long MaxBodyBytes = 1024 * 1024;
    public const string StepsActionType = "steps";

    /// <summary>What a webhook hook is checked with where the real secret is not at hand (the command line).</summary>
    private const string PlaceholderSecret = "(the server resolves the secret)";

    /// <summary>The trigger's hook.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="workflowFile">The workflow's file as the hook names it (relative to the configuration folder, or absolute).</param>
    /// <param name="secretFile">A webhook trigger's own secret file, likewise; <c>null</c> to verify with <c>DAGNATS_WEBHOOK_SECRET</c>.</param>
    public static JsonObject Hook(Trigger trigger, string workflowFile, string? secretFile)
    {
        var action = new JsonObject
        {
            ["type"] = StepsActionType,
            ["settings"] = new JsonObject { ["file"] = workflowFile },
        };

        if (trigger.IsWebhook)
        {
            var settings = new JsonObject { ["preset"] = "dagnats" };
            if (secretFile is not null)
            {
                settings["secrets"] = new JsonArray("file:" + secretFile);
            }

            return new JsonObject
            {
                ["name"] = TriggerNames.HookName(trigger.Name),
                ["surface"] = Surface,
                ["contentTypes"] = new JsonArray(ContentType),
                ["maxBodyBytes"] = MaxBodyBytes,
                ["auth"] = new JsonObject { ["scheme"] = "hmac", ["settings"] = settings },
                ["action"] = action,
            };
        }

        var hook = new JsonObject
        {
            ["name"] = TriggerNames.HookName(trigger.Name),
            ["subject"] = trigger.Subject,
        };
        if (trigger.Filter is { } filter)
        {
            hook["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "json-field",
                ["settings"] = new JsonObject { ["path"] = filter.Field, ["equals"] = filter.Value },
            });
        }

        hook["action"] = action;
        return hook;
    }

    /// <summary>
    /// The hook with its secret given as a literal placeholder: what the command line builds to check a definition. The
    /// secret itself is the server's to resolve (its <c>DAGNATS_WEBHOOK_SECRET</c>, or the file written after the check).
    /// </summary>
    /// <param name="hook">A hook from <see cref="Hook"/>.</param>
    public static JsonObject ForChecking(JsonObject hook)
    {
        var copy = (JsonObject)hook.DeepClone();
        if (copy["auth"]?["settings"] is JsonObject settings)
        {
            settings["secrets"] = new JsonArray(PlaceholderSecret);
        }

        return copy;
    }
}
