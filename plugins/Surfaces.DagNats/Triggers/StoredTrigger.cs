using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// A trigger as kept in the hook store: one record named <c>dagnats-trigger.{name}</c> holding the trigger and the
/// definition of the hook that serves it (no secret: a per-trigger secret is a <c>file:</c> reference).
/// </summary>
/// <remarks>
/// The record is not named after the hook (<c>dagnats.{name}</c>): at start the engine's hook synchronizer writes a
/// settings-free summary of every hook it serves over the record of the same name, which would erase the definition of a
/// trigger already served by then (whether one is depends on the order hosted services start, which no contract fixes).
/// </remarks>
/// <param name="Trigger">The trigger.</param>
/// <param name="HookDefinition">Its hook, as JSON.</param>
/// <param name="Enabled">The record's enabled flag.</param>
/// <param name="CreatedAt">When it was stored.</param>
internal sealed record StoredTrigger(Trigger Trigger, string HookDefinition, bool Enabled, DateTimeOffset CreatedAt)
{
    public const string RecordPrefix = "dagnats-trigger.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The hook-store record of a trigger.</summary>
    /// <param name="trigger">The trigger's name.</param>
    public static string RecordName(string trigger) => RecordPrefix + trigger;

    /// <summary>The record's definition: the trigger and its hook.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="hook">Its hook.</param>
    public static string Definition(Trigger trigger, JsonObject hook) => new JsonObject
    {
        ["trigger"] = JsonSerializer.SerializeToNode(trigger, Json),
        ["hook"] = hook.DeepClone(),
    }.ToJsonString();

    /// <summary>Reads a record written by <see cref="Definition"/>; <c>null</c> for any other record.</summary>
    /// <param name="record">A hook-store record.</param>
    public static StoredTrigger? From(HookRecord record)
    {
        if (!record.Name.StartsWith(RecordPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(record.Definition);
            var trigger = root?["trigger"]?.Deserialize<Trigger>(Json);
            var hook = root?["hook"] as JsonObject;
            var valid = trigger is { Id: not null, Name: not null, Workflow: not null }
                && string.Equals(RecordName(trigger.Name), record.Name, StringComparison.Ordinal)
                && trigger.Kind is TriggerKind.Webhook or TriggerKind.Event
                && (trigger.IsWebhook || trigger.Subject is not null)
                && hook is not null;
            return valid ? new StoredTrigger(trigger!, hook!.ToJsonString(), record.Enabled, record.CreatedAt) : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
