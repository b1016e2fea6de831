using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Pipeline;

namespace Webhooks.Modular.Core.Tests.Pipeline;

public sealed class PipelineRegistrationTests
{
    [Fact]
    public void Behaviours_are_registered_in_the_architectures_order()
    {
        var services = new ServiceCollection().AddInboundPipeline();

        var behaviours = services
            .Where(d => d.ServiceType == typeof(IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>))
            .Select(d => d.ImplementationType!.Name);

        Assert.Equal(
            ["ResolveHookBehavior", "FailureLimitBehavior", "ReplyBehavior", "LimitsBehavior", "AuthenticateBehavior", "HandshakeBehavior", "ConditionsBehavior", "DeduplicateBehavior"],
            behaviours);
    }

    [Fact]
    public void Handler_is_found_by_scanning()
    {
        var services = new ServiceCollection().AddInboundPipeline();

        Assert.Contains(services, d => d.ServiceType == typeof(IRequestHandler<ReceiveWebhook, ReceiveOutcome>)
            && d.ImplementationType == typeof(ReceiveWebhookHandler));
    }

    [Fact]
    public void What_MediatR_resolves_for_each_webhook_is_built_once()
    {
        // MediatR asks its ServiceFactory for the handler and the behaviours on every Send; they are kept, not
        // rebuilt per webhook (issue 14: a container resolve operation per object per request in the profile).
        var container = new CountingProvider();
        var factory = new ReceivePipelineFactory(container);
        var behaviours = typeof(IEnumerable<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>>);
        var handler = typeof(IRequestHandler<ReceiveWebhook, ReceiveOutcome>);

        var first = factory.GetService(behaviours);
        Assert.Same(first, factory.GetService(behaviours));
        Assert.Same(factory.GetService(handler), factory.GetService(handler));
        Assert.NotSame(factory.GetService(typeof(string)), factory.GetService(typeof(string)));
        Assert.Equal(1, container.Calls[behaviours]);
        Assert.Equal(1, container.Calls[handler]);
        Assert.Equal(2, container.Calls[typeof(string)]);
    }

    [Fact]
    public void The_receive_handler_and_behaviours_are_singletons_resolved_through_the_caching_factory()
    {
        var services = new ServiceCollection().AddInboundPipeline();
        var handler = typeof(IRequestHandler<ReceiveWebhook, ReceiveOutcome>);

        Assert.All(
            services.Where(d => d.ServiceType == typeof(IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>)),
            d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        Assert.Equal(ServiceLifetime.Singleton, services.Last(d => d.ServiceType == handler).Lifetime);
        Assert.Contains(services, d => d.ServiceType == typeof(ReceivePipelineFactory) && d.Lifetime == ServiceLifetime.Singleton);
    }

    private sealed class CountingProvider : IServiceProvider
    {
        public Dictionary<Type, int> Calls { get; } = [];

        public object? GetService(Type serviceType)
        {
            Calls[serviceType] = Calls.GetValueOrDefault(serviceType) + 1;
            return serviceType == typeof(IEnumerable<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>>)
                ? Array.Empty<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>>()
                : new object();
        }
    }
}
