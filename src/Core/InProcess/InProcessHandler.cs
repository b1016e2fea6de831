using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Core.InProcess;

/// <summary>A named delegate the embedding app runs for each run of a hook.</summary>
internal sealed class InProcessHandler(string name, Func<RunContext, CancellationToken, Task<RunResult>> handler) : IRunAction
{
    public string Name { get; } = name;

    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken) => handler(context, cancellationToken);
}
