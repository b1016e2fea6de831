using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Core.InProcess;

/// <summary>A named delegate the embedding app runs for each run of a hook, with the services of a scope made for that run.</summary>
/// <param name="Name">The name hooks refer to in <c>settings.handler</c>.</param>
/// <param name="Handler">What a run does.</param>
internal sealed record InProcessHandler(string Name, Func<IServiceProvider, RunContext, CancellationToken, Task<RunResult>> Handler);
