namespace Webhooks.Modular.Abstractions.Actions;

/// <summary>What a run does. Called by a background worker that holds the run's lease.</summary>
public interface IRunAction
{
    /// <summary>Executes one attempt of a run. Exceptions count as a failed attempt.</summary>
    /// <param name="context">The run, its input and the request that caused it.</param>
    /// <param name="cancellationToken">Signalled when the host stops or the lease is lost.</param>
    Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken);
}
