using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Core.InProcess;

/// <summary>Runs an <see cref="InProcessHandler"/> with the app's services.</summary>
internal sealed class InProcessAction(InProcessHandler handler, IServiceProvider services) : IRunAction
{
    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken) =>
        handler.Handler(services, context, cancellationToken);
}
