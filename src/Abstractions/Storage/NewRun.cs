namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A run to enqueue together with its event.</summary>
/// <param name="Id">The run's id: UUIDv7 unless the sender chose one.</param>
/// <param name="HookName">The hook whose action the run executes.</param>
/// <param name="ActionType">The action type, recorded for display.</param>
/// <param name="Input">The run's input as JSON text.</param>
/// <param name="MaxAttempts">How many times the run may be claimed before it is failed.</param>
public sealed record NewRun(string Id, string HookName, string ActionType, string Input, int MaxAttempts);
