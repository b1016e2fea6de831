namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>A walk-through test, reported as skipped (with the reason) where walk-throughs cannot run.</summary>
public sealed class WalkthroughTheoryAttribute : TheoryAttribute
{
    public WalkthroughTheoryAttribute()
    {
        if (WalkthroughRunner.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
