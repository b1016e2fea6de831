using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Core.InProcess;

/// <summary>Runs an <see cref="InProcessHandler"/> with the app's services, in a DI scope of its own per run.</summary>
internal sealed class InProcessAction(InProcessHandler handler, IServiceScopeFactory scopes) : IRunAction
{
    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        // A run is a unit of work like a request: the app's scoped services (a DbContext, a unit of work) are made for
        // this run and disposed after it, never shared with another run, and never resolved from the root provider
        // (which scope validation, on in Development, refuses).
        await using var scope = scopes.CreateAsyncScope();
        return await handler.Handler(scope.ServiceProvider, context, cancellationToken);
    }
}
