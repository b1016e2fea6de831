using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// A trigger as kept in the hook store: the record of its hook, <c>dagnats.{name}</c>, whose definition is the hook's
/// definition as <see cref="TriggerDefinitions.Hook"/> wrote it (no secret: a per-trigger secret is a <c>file:</c>
/// reference). The trigger is read back from the definition.
/// </summary>
/// <param name="Trigger">The trigger.</param>
/// <param name="HookDefinition">Its hook, as JSON.</param>
/// <param name="Enabled">The record's enabled flag.</param>
/// <param name="CreatedAt">When the record was created.</param>
internal sealed record StoredTrigger(Trigger Trigger, string HookDefinition, bool Enabled, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// What tells one creation of a trigger from another: a trigger deleted and created again with the same definition
    /// (say, to change its secret, whose file keeps its path) is a new record with a new creation time.
    /// </summary>
    public string Version => $"{CreatedAt.ToUnixTimeMilliseconds()}:{HookDefinition}";

    /// <summary>
    /// Reads a trigger's record; <c>null</c> for any other (another surface's, a <c>plugins.json</c> hook's summary, one
    /// not written by <see cref="TriggerDefinitions.Hook"/>).
    /// </summary>
    /// <param name="record">A hook-store record.</param>
    public static StoredTrigger? From(HookRecord record)
    {
        if (TriggerNames.FromHookName(record.Name) is not { } name)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(record.Definition) is JsonObject hook
                && Read(name, record.Name, hook) is { } trigger
                    ? new StoredTrigger(trigger, record.Definition, record.Enabled, record.CreatedAt)
                    : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Trigger? Read(string name, string hookName, JsonObject hook)
    {
        var file = Text(hook["action"]?["settings"]?["file"]);
        if (Text(hook["name"]) != hookName || Text(hook["action"]?["type"]) != TriggerDefinitions.StepsActionType || string.IsNullOrEmpty(file))
        {
            return null;
        }

        var workflow = Path.GetFileNameWithoutExtension(file);
        var subject = Text(hook["subject"]);
        if (subject is null)
        {
            return Text(hook["surface"]) == TriggerDefinitions.Surface
                ? new Trigger(name, TriggerKind.Webhook, workflow, null, null, hook["auth"]?["settings"]?["secrets"] is JsonArray)
                : null;
        }

        var condition = hook["conditions"]?[0]?["settings"];
        var filter = Text(condition?["path"]) is { } path && Text(condition?["equals"]) is { } value
            ? new TriggerFilter(path, value)
            : null;
        return hook["surface"] is null ? new Trigger(name, TriggerKind.Event, workflow, subject, filter, HasOwnSecret: false) : null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
