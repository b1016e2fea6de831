namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>What a <see cref="IStoreSignals"/> signal is about.</summary>
public static class StoreSignalKinds
{
    /// <summary>Runs were enqueued.</summary>
    public const string Runs = "runs";

    /// <summary>Deliveries were created, replayed, or a destination was enabled again.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Destinations were created, changed or deleted.</summary>
    public const string Destinations = "destinations";

    /// <summary>Stored hooks (run-time triggers and webhooks, such as DagNats triggers) were created, changed or deleted.</summary>
    public const string Hooks = "hooks";
}
