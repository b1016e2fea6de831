using MediatR;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// The <see cref="ServiceFactory"/> MediatR resolves handlers and behaviours through. MediatR asks it, on every
/// <c>Send</c>, for the request's handler and for the list of its pipeline behaviours; the container (Autofac in the
/// host) then ran a resolve operation for each of the nine objects, every webhook. The receive pipeline's handler and
/// behaviours are stateless singletons, so their two answers are resolved once and kept; every other type goes to the
/// container as before.
/// </summary>
internal sealed class ReceivePipelineFactory(IServiceProvider provider)
{
    private static readonly Type HandlerType = typeof(IRequestHandler<ReceiveWebhook, ReceiveOutcome>);
    private static readonly Type BehaviorsType = typeof(IEnumerable<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>>);

    private object? _handler;
    private object? _behaviors;

    /// <summary>Resolves <paramref name="serviceType"/>, from the kept answers for the receive pipeline.</summary>
    /// <param name="serviceType">What MediatR asks for.</param>
    public object? GetService(Type serviceType)
    {
        // A race resolves the same singletons twice, which is harmless; no lock on the hot path.
        if (serviceType == HandlerType)
        {
            return _handler ??= provider.GetService(serviceType);
        }

        if (serviceType == BehaviorsType)
        {
            // Materialised once: MediatR enumerates it on every request.
            return _behaviors ??= ((IEnumerable<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>>?)provider.GetService(serviceType))?.ToArray();
        }

        return provider.GetService(serviceType);
    }
}
