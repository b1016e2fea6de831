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
        // What MediatR resolves for each webhook (the receive handler and its behaviours) is built once and kept:
        // they are stateless singletons (see ReceivePipelineFactory).
        services.AddSingleton<ReceivePipelineFactory>();
        services.AddTransient<ServiceFactory>(provider => provider.GetRequiredService<ReceivePipelineFactory>().GetService!);
        services.AddTransient<IMediator, Mediator>();

        // Handlers are found by scanning, so a new use case needs no registration line.
        services.Scan(scan => scan
            .FromAssemblyOf<ReceiveWebhookHandler>()
            .AddClasses(classes => classes.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime());

        // The receive pipeline's handler and behaviours keep no per-request state and depend on singletons only, so
        // they are singletons: one instance each for every webhook, instead of nine objects (and their resolve
        // operations) per webhook. The registration after the scan wins for the handler.
        services.AddSingleton<IRequestHandler<ReceiveWebhook, ReceiveOutcome>, ReceiveWebhookHandler>();
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ResolveHookBehavior>();   // 404
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, FailureLimitBehavior>();  // 429, counts the 401s below
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ReplyBehavior>();         // the hook's success answer
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, LimitsBehavior>();        // 405, 415, 413, 408
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, AuthenticateBehavior>();  // 401, 403
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, HandshakeBehavior>();     // Slack url_verification
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, ConditionsBehavior>();    // 204
        services.AddSingleton<IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>, DeduplicateBehavior>();   // 409

        services.AddSingleton<IWebhookReceiver, WebhookReceiver>();
        return services;
    }
}
