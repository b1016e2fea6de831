namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>
/// A test that signs or verifies with the peers' npm libraries in <c>tests/Interop/node</c>. Reported as skipped,
/// with the reason, when <c>node</c> or the pinned packages are missing (<c>.ci/run</c> installs them).
/// </summary>
public sealed class NodeInteropFactAttribute : FactAttribute
{
    public NodeInteropFactAttribute()
    {
        if (NodePeer.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
