namespace Webhooks.Modular.Api.Management.Replays;

/// <summary>Where a bulk replay stands.</summary>
internal static class ReplayJobStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}
