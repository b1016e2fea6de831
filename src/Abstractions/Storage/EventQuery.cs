namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Which stored events to list, newest first; every filter left <c>null</c> matches all.</summary>
public sealed record EventQuery
{
    /// <summary>Only events addressed to this hook.</summary>
    public string? HookName { get; init; }

    /// <summary>Only events of this exact subject.</summary>
    public string? Subject { get; init; }

    /// <summary>Only events of this inbound request.</summary>
    public string? RequestId { get; init; }

    /// <summary>Only events received at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only events received before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only events older than this position (the previous page's last row).</summary>
    public PageKey? After { get; init; }

    /// <summary>How many at most (1 or more).</summary>
    public int Limit { get; init; } = 50;
}
