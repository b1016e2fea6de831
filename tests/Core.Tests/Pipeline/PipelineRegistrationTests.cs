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
}
