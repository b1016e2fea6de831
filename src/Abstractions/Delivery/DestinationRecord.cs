namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Where events go: a subscription (Danube's <c>/v1/webhooks</c>), a workflow's webhook node (Dograh), or one an
/// embedding app registers. Events whose type matches <see cref="EventTypes"/> (and, when set, come from
/// <see cref="HookName"/>) get one delivery each, in the transaction that stores the event.
/// </summary>
/// <param name="Id">The destination's id.</param>
/// <param name="Owner">Who manages it, such as <c>danube</c> or <c>dograh</c>; each surface lists its own.</param>
/// <param name="Url">Where to send.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="EventTypes">Event types or subject patterns (<c>*</c>, <c>&gt;</c>) it receives.</param>
/// <param name="HookName">Only events of this hook (its requests and its runs' outcomes), or <c>null</c> for all.</param>
/// <param name="Description">Free text.</param>
/// <param name="IsActive">False when disabled, by hand, by a 410, or after failing too long.</param>
/// <param name="DisabledReason">Why it was disabled.</param>
/// <param name="Channel">The outbound channel type, such as <c>http</c>.</param>
/// <param name="Format">The payload format that renders its bodies (<see cref="IPayloadFormat"/>).</param>
/// <param name="Signing">The signature scheme (<see cref="SigningSchemes"/>).</param>
/// <param name="Secrets">Signing secrets, encrypted, newest first.</param>
/// <param name="Headers">Extra headers sent with every delivery.</param>
/// <param name="CredentialId">A stored credential whose headers are added, or <c>null</c>.</param>
/// <param name="Template">Data the payload format reads, such as a payload template (JSON), or <c>null</c>.</param>
/// <param name="Retry">The retry policy.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="FailingSince">The first failure since the last success, or <c>null</c>.</param>
public sealed record DestinationRecord(
    string Id,
    string Owner,
    string Url,
    string Method,
    IReadOnlyList<string> EventTypes,
    string? HookName,
    string? Description,
    bool IsActive,
    string? DisabledReason,
    string Channel,
    string Format,
    string Signing,
    IReadOnlyList<DestinationSecret> Secrets,
    IReadOnlyDictionary<string, string> Headers,
    string? CredentialId,
    string? Template,
    RetryPolicy Retry,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FailingSince);
