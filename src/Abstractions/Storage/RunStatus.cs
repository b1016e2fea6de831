namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>Leased by a worker.</summary>
    Running,

    /// <summary>Finished well.</summary>
    Succeeded,

    /// <summary>Finished badly, or abandoned after its last attempt.</summary>
    Failed,
}
