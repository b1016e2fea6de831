namespace Webhooks.Modular.Core.Hooks;

/// <summary>How a hook treats a failed authentication.</summary>
internal enum AuthMode
{
    /// <summary>Reject with 401.</summary>
    Enforce,

    /// <summary>Accept, and record what would have failed: for moving a live sender onto verification.</summary>
    Observe,
}
