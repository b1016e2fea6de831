using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Security;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>Outbound delivery, composed in one place: the outbox planner, the managers, the worker and secret encryption.</summary>
internal static class DeliveryRegistration
{
    public static IServiceCollection AddOutboundDelivery(this IServiceCollection services, DeploymentModel deployment, IEnumerable<Action<DeliveryOptions>> changes)
    {
        var options = Bind(deployment.Delivery, deployment.File);
        foreach (var change in changes)
        {
            change(options);
        }

        Validate(options, deployment.File);
        var keys = Directory.CreateDirectory(Path.GetFullPath(Path.Combine(deployment.BaseDirectory, options.KeysDirectory)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection().SetApplicationName("Webhooks.Modular").PersistKeysToFileSystem(keys);
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton(sp => new DestinationCatalog(sp.GetService<IDeliveryStore>()));
        services.AddSingleton<IPayloadFormat, StandardPayloadFormat>();
        services.AddSingleton<IPayloadFormat, RawPayloadFormat>();
        services.AddSingleton<DeliveryPlanner>();
        services.AddSingleton(sp => new OutboundMessageBuilder(sp.GetRequiredService<ISecretProtector>(), sp.GetService<ICredentialStore>()));
        services.AddSingleton(new RetryScheduler(options));
        services.AddSingleton(_ => new CircuitBreaker(options)); // Made by the container, so that it disposes the breaker's gauge.
        services.AddSingleton<IDestinationCircuits>(sp => sp.GetRequiredService<CircuitBreaker>());
        services.AddSingleton(sp => new DeliveryServices(
            sp.GetService<IDeliveryStore>(),
            sp.GetRequiredService<DestinationCatalog>(),
            sp.GetRequiredService<OutboundMessageBuilder>(),
            sp.GetRequiredService<RetryScheduler>(),
            sp.GetRequiredService<CircuitBreaker>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDestinationManager>(sp => new DestinationManager(
            sp.GetService<IDeliveryStore>(),
            sp.GetRequiredService<DestinationCatalog>(),
            sp.GetRequiredService<DeliveryPlanner>(),
            sp.GetServices<IOutboundDelivery>(),
            sp.GetRequiredService<ISecretProtector>(),
            sp.GetRequiredService<CircuitBreaker>(),
            sp.GetRequiredService<DeliverySignal>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICredentialManager>(sp => new CredentialManager(
            sp.GetService<ICredentialStore>(), sp.GetRequiredService<ISecretProtector>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWebhookPublisher, WebhookPublisher>();
        services.AddHostedService<DestinationCatalogRefresher>();
        services.AddHostedService<DeliveryWorker>();
        services.AddSingleton<Abstractions.Commands.IHostCommand>(sp => new DestinationCommand(sp));
        return services;
    }

    private static DeliveryOptions Bind(IConfiguration? section, string file)
    {
        var options = new DeliveryOptions();
        try
        {
            section?.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new PluginConfigurationException(file, "host", "delivery", ex.Message, ex);
        }

        return options;
    }

    private static void Validate(DeliveryOptions options, string file)
    {
        void Require(bool valid, string key, string message)
        {
            if (!valid)
            {
                throw new PluginConfigurationException(file, "host", $"delivery:{key}", message);
            }
        }

        Require(options.Concurrency >= 1, "concurrency", "must be at least 1");
        Require(options.PerDestinationConcurrency >= 1, "perDestinationConcurrency", "must be at least 1");
        Require(options.SlowAttemptMilliseconds >= 10, "slowAttemptMilliseconds", "must be at least 10");
        Require(options.MaxInFlight >= options.Concurrency, "maxInFlight", $"must be at least concurrency ({options.Concurrency})");
        Require(options.LeaseSeconds > 0, "leaseSeconds", "must be positive");
        Require(options.PollMilliseconds >= 10, "pollMilliseconds", "must be at least 10");
        Require(options.CircuitBreakerFailures >= 1, "circuitBreakerFailures", "must be at least 1");
        Require(options.CircuitBreakerSeconds >= 0, "circuitBreakerSeconds", "must not be negative");
        Require(options.DisableAfterHours > 0, "disableAfterHours", "must be positive");
        Require(options.MaxRetryAfterSeconds >= 0, "maxRetryAfterSeconds", "must not be negative");
        Require(options.Jitter is >= 0 and < 1, "jitter", "must be at least 0 and below 1");
        Require(options.RefreshSeconds > 0, "refreshSeconds", "must be positive");
        Require(!string.IsNullOrWhiteSpace(options.KeysDirectory), "keysDirectory", "is required");
    }
}
