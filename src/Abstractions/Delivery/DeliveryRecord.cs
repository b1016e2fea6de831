namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A delivery as stored.</summary>
/// <param name="Id">Its id, the same on every attempt.</param>
/// <param name="DestinationId">Its destination.</param>
/// <param name="EventId">The event it carries.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made so far, replays included: those recorded, and those whose worker stopped before recording them (counted when their expired lease is claimed again).</param>
/// <param name="Retries">Retries since it was created or last replayed; the retry policy counts these.</param>
/// <param name="NextAttemptAt">When it is due.</param>
/// <param name="LeaseToken">Increases with every claim; a worker records its attempt only while the token it claimed is current.</param>
/// <param name="LeaseOwner">The worker holding it.</param>
/// <param name="LeaseExpiresAt">When the lease runs out.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CompletedAt">When it succeeded or failed for good.</param>
/// <param name="LastStatusCode">The last attempt's status code.</param>
/// <param name="LastError">The last attempt's error.</param>
public sealed record DeliveryRecord(
    string Id,
    string DestinationId,
    Guid EventId,
    string EventType,
    string ContentType,
    byte[] Body,
    DeliveryStatus Status,
    int Attempts,
    int Retries,
    DateTimeOffset NextAttemptAt,
    long LeaseToken,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int? LastStatusCode,
    string? LastError);
