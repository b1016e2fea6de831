namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>What a walk-through's run found.</summary>
internal sealed record WalkthroughResult(
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Skipped,
    int Blocks,
    int LastMarker,
    TimeSpan Elapsed,
    string Output);
