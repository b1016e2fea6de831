namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>Which deliveries to list, newest first; every filter left <c>null</c> matches all.</summary>
public sealed record DeliveryQuery
{
    /// <summary>Only deliveries to this destination.</summary>
    public string? DestinationId { get; init; }

    /// <summary>Only deliveries in this status.</summary>
    public DeliveryStatus? Status { get; init; }

    /// <summary>Only deliveries of this event.</summary>
    public Guid? EventId { get; init; }

    /// <summary>Only deliveries created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only deliveries created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only deliveries older than this position (the previous page's last row).</summary>
    public Storage.PageKey? After { get; init; }

    /// <summary>How many at most (1 or more).</summary>
    public int Limit { get; init; } = 50;
}
