using System.Text.Json.Serialization;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>A DAG's webhook as the management API shows it. The token itself is never part of it.</summary>
/// <param name="Id">The webhook's id (a UUID).</param>
/// <param name="DagName">The DAG it triggers.</param>
/// <param name="TokenPrefix">The first 12 characters of the current token, to recognise it by.</param>
/// <param name="Enabled">Whether triggers are accepted (a disabled webhook answers 403).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed: token regenerated, enabled or disabled (UTC).</param>
/// <param name="CreatedBy">The id of the user who created it.</param>
/// <param name="LastUsedAt">When its token last opened a trigger (recorded at most once a minute); absent until then.</param>
internal sealed record WebhookView(
    string Id,
    string DagName,
    string TokenPrefix,
    bool Enabled,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? CreatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? LastUsedAt);
