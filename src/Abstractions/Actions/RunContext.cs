namespace Webhooks.Modular.Abstractions.Actions;

/// <summary>One attempt of a run as an action sees it.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="HookName">The hook that started it.</param>
/// <param name="RequestId">The inbound request that caused it.</param>
/// <param name="EventId">The stored event.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Input">The run's input: always a JSON text (<c>{}</c> when the body was not JSON).</param>
/// <param name="Headers">The stored request headers (credentials already redacted).</param>
/// <param name="Body">The raw request body.</param>
public sealed record RunContext(
    string RunId,
    string HookName,
    string RequestId,
    Guid EventId,
    int Attempt,
    string Input,
    IReadOnlyDictionary<string, string[]> Headers,
    ReadOnlyMemory<byte> Body);
