using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// The one place the inbound pipeline is composed. MediatR runs behaviours in registration order, the first
/// outermost, so the order below IS the order of the pipeline.
/// </summary>
internal static class PipelineRegistration
{
    public static IServiceCollection AddInboundPipeline(this IServiceCollection services)
    {
        services.AddTransient<ServiceFactory>(provider => provider.GetService!);
        services.AddTransient<IMediator, Mediator>();

        // Handlers are found by scanning, so a new use case needs no registration line.
        services.Scan(scan => scan
            .FromAssemblyOf<ReceiveWebhookHandler>()
            .AddClasses(classes => classes.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime());

        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ResolveHookBehavior>();   // 404
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, FailureLimitBehavior>();  // 429, counts the 401s below
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ReplyBehavior>();         // the hook's success answer
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, LimitsBehavior>();        // 405, 415, 413, 408
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, AuthenticateBehavior>();  // 401, 403
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, HandshakeBehavior>();     // Slack url_verification
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ConditionsBehavior>();    // 204
        services.AddTransient<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, DeduplicateBehavior>();   // 409

        services.AddSingleton<IWebhookReceiver, WebhookReceiver>();
        return services;
    }
}
