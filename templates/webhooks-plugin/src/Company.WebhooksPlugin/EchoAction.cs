using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;

namespace Company.WebhooksPlugin;

/// <summary>A run that writes its input back as its output.</summary>
public sealed partial class EchoAction : IRunAction
{
    private readonly string _prefix;
    private readonly string _label;
    private readonly ILogger<EchoAction> _logger;

    /// <summary>Creates the action of one hook.</summary>
    /// <param name="prefix">The plugin-level prefix.</param>
    /// <param name="label">The hook's label (its name unless set).</param>
    /// <param name="logger">Where the action logs.</param>
    public EchoAction(string prefix, string label, ILogger<EchoAction> logger)
    {
        _prefix = prefix;
        _label = label;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        LogEcho(context.RunId, context.HookName, context.Attempt);
        return Task.FromResult(RunResult.Success($"{_prefix} {_label}: {context.Input}"));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Echoing run {RunId} of hook {Hook} (attempt {Attempt})")]
    private partial void LogEcho(string runId, string hook, int attempt);
}
