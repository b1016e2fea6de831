namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// The latest requests each hook refused, kept in memory in a bounded ring per hook (the oldest goes first), so that
/// a flood of bad requests costs a fixed amount of memory and nothing in the store. Lost when the host stops.
/// </summary>
public interface IRejectionLog
{
    /// <summary>How many rejections are kept per hook.</summary>
    int Capacity { get; }

    /// <summary>The hook's kept rejections, newest first.</summary>
    /// <param name="hookName">The hook.</param>
    IReadOnlyList<RejectedRequest> Recent(string hookName);
}
