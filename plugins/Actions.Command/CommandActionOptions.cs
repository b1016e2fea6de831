namespace Webhooks.Modular.Actions.Command;

/// <summary>The validated settings of one hook's <c>command</c> action.</summary>
/// <param name="Command">The text given to <c>/bin/sh -c</c>.</param>
/// <param name="WorkingDirectory">An absolute, existing folder.</param>
/// <param name="TimeoutSeconds">How long one attempt may run.</param>
/// <param name="MaxOutputBytes">How much of stdout and stderr (together, UTF-8) is kept.</param>
/// <param name="Headers">Request headers exposed in <c>WEBHOOK_HEADERS</c>, credentials already removed.</param>
/// <param name="Environment">Extra variables for the child.</param>
internal sealed record CommandActionOptions(
    string Command,
    string WorkingDirectory,
    int TimeoutSeconds,
    int MaxOutputBytes,
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Environment);
