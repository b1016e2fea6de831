namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Which runs to list, newest first; every filter left <c>null</c> matches all.</summary>
public sealed record RunQuery
{
    /// <summary>Only runs of this hook.</summary>
    public string? HookName { get; init; }

    /// <summary>Only runs in this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only runs started by this event.</summary>
    public Guid? EventId { get; init; }

    /// <summary>Only runs of this inbound request.</summary>
    public string? RequestId { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only runs older than this position (the previous page's last row).</summary>
    public PageKey? After { get; init; }

    /// <summary>How many at most (1 or more).</summary>
    public int Limit { get; init; } = 50;
}
