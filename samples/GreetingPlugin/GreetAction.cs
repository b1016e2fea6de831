using System.Text.Json;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;

namespace Samples.Greeting;

/// <summary>Greets the payload's name; runs in the background after the webhook is stored and acknowledged.</summary>
public sealed partial class GreetAction(string salutation, string field, ILogger<GreetAction> logger) : IRunAction
{
    /// <summary>One attempt of a run; an exception counts as a failed attempt.</summary>
    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        // context.Input is JSON ("{}" when the body was not); RunId and RequestId follow the request end to end.
        using var input = JsonDocument.Parse(context.Input);
        if (!input.RootElement.TryGetProperty(field, out var name) || name.ValueKind != JsonValueKind.String)
        {
            LogNoName(context.RunId, field);
            return Task.FromResult(RunResult.Failure($"the payload has no string '{field}'"));
        }

        LogGreeting(context.RunId, context.HookName, context.Attempt);
        return Task.FromResult(RunResult.Success($"{salutation}, {name.GetString()}"));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Greeting for run {RunId} of hook {Hook} (attempt {Attempt})")]
    private partial void LogGreeting(string runId, string hook, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Run {RunId}: the payload has no string '{Field}'")]
    private partial void LogNoName(string runId, string field);
}
