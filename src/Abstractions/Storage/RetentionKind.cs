namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>What a <see cref="RetentionPurge"/> deletes.</summary>
public enum RetentionKind
{
    /// <summary>Events with their raw bodies, received before the cut-off, that no run, delivery or idempotency key refers to any more.</summary>
    Events,

    /// <summary>Finished runs (succeeded or failed) created before the cut-off.</summary>
    Runs,

    /// <summary>Finished deliveries (success or failed) created before the cut-off, with their attempts.</summary>
    Deliveries,
}
