using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Runs;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>
/// A DAG webhook as kept in the hook store: the webhook's own facts (id, DAG, creator) and the run-time hook that
/// serves it, in one record named <c>dagu-webhook.{dag}</c>; the record's enabled flag and times are the webhook's.
/// </summary>
/// <remarks>
/// The record is not named after the hook (<c>dagu.{dag}</c>): at every start the engine's hook synchronizer writes
/// a settings-free summary of each registered hook over the record of the same name, which would erase the
/// webhook's id and creator.
/// </remarks>
/// <param name="Id">The webhook's id.</param>
/// <param name="DagName">The DAG it triggers.</param>
/// <param name="CreatedBy">The id of the user who created it.</param>
/// <param name="Enabled">Whether it accepts triggers.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record StoredWebhook(string Id, string DagName, string? CreatedBy, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string RecordPrefix = "dagu-webhook.";
    public const string Surface = "dagu";

    /// <summary>Trigger bodies above this get 413, as in Dagu.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The hook-store record of a DAG's webhook.</summary>
    /// <param name="dag">The DAG's name.</param>
    public static string RecordName(string dag) => RecordPrefix + dag;

    /// <summary>The run-time hook that serves a DAG's webhook: bearer tokens of scope <c>dag:{dag}</c>, the <c>dagu-dag</c> action.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="enabled">Whether it accepts triggers.</param>
    public static JsonObject HookDefinition(string dag, bool enabled) => new()
    {
        ["name"] = DagNames.HookName(dag),
        ["surface"] = Surface,
        ["methods"] = new JsonArray("POST"),
        ["maxBodyBytes"] = MaxBodyBytes,
        ["enabled"] = enabled,
        ["auth"] = new JsonObject
        {
            ["scheme"] = "bearer",
            ["settings"] = new JsonObject { ["scope"] = DagNames.TokenScope(dag) },
        },
        ["action"] = new JsonObject
        {
            ["type"] = DagActionFactory.ActionType,
            ["settings"] = new JsonObject { ["dag"] = dag },
        },
    };

    /// <summary>The record's definition: the webhook's facts and its hook.</summary>
    /// <param name="id">The webhook's id.</param>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="createdBy">The creator's user id.</param>
    public static string Definition(string id, string dag, string? createdBy) => new JsonObject
    {
        ["webhook"] = new JsonObject { ["id"] = id, ["dagName"] = dag, ["createdBy"] = createdBy },
        ["hook"] = HookDefinition(dag, enabled: true),
    }.ToJsonString();

    /// <summary>
    /// What tells one creation of a webhook from another, and a rewritten definition from the one served: its creation
    /// time and definition (which holds the webhook's id, new at every creation). The enabled flag and
    /// <c>updatedAt</c> are not part of it: a toggle only flips the served hook, and a regenerated token changes
    /// nothing in the hook, whose bearer check reads the token store on every request.
    /// </summary>
    /// <param name="record">A webhook's hook-store record.</param>
    public static string Version(HookRecord record) => $"{record.CreatedAt.ToUnixTimeMilliseconds()}:{record.Definition}";

    /// <summary>Reads a record written by <see cref="Definition"/>; <c>null</c> for any other record.</summary>
    /// <param name="record">A hook-store record.</param>
    public static StoredWebhook? From(HookRecord record)
    {
        if (!record.Name.StartsWith(RecordPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var webhook = JsonNode.Parse(record.Definition)?["webhook"];
            var id = webhook?["id"]?.GetValue<string>();
            var dag = webhook?["dagName"]?.GetValue<string>();
            if (id is null || dag is null || !string.Equals(RecordName(dag), record.Name, StringComparison.Ordinal))
            {
                return null;
            }

            return new StoredWebhook(id, dag, webhook?["createdBy"]?.GetValue<string>(), record.Enabled, record.CreatedAt, record.UpdatedAt);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
