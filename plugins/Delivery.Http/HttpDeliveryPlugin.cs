using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Delivery.Http.Diagnostics;
using Webhooks.Modular.Delivery.Http.Sending;

namespace Webhooks.Modular.Delivery.Http;

/// <summary>
/// Provides the <c>http</c> outbound channel (<see cref="IOutboundDelivery"/>) the delivery worker sends
/// destinations' deliveries through. Settings: <c>timeoutSeconds</c>, <c>maxResponseExcerptBytes</c>,
/// <c>allowedNetworks</c>, <c>userAgent</c>; see the README.
/// </summary>
public sealed class HttpDeliveryPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = HttpDeliveryOptions.FromSettings(context);
        services.AddSingleton<IOutboundDelivery>(sp =>
        {
            var logger = (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<HttpOutboundDelivery>();
            Log.Configured(logger, options.TimeoutSeconds, options.MaxResponseExcerptBytes, options.AllowedNetworks.Count);
            return new HttpOutboundDelivery(options, sp.GetService<TimeProvider>() ?? TimeProvider.System, logger);
        });
    }
}
