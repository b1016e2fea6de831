using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Delivery.Http;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>The http channel composed as the host composes it: the plugin's services from its settings, over a manual clock.</summary>
internal sealed class HttpChannel : IDisposable
{
    /// <summary>The clock's start: 2026-11-22T12:00:00Z.</summary>
    public const long StartUnixSeconds = 1_795_348_800;

    private readonly ServiceProvider _services;

    private HttpChannel(ServiceProvider services) => _services = services;

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public IOutboundDelivery Delivery => _services.GetRequiredService<IOutboundDelivery>();

    /// <summary>Composes the plugin with a <c>settings</c> object such as <c>{ "allowedNetworks": ["127.0.0.1/32"] }</c>.</summary>
    public static HttpChannel Create(string settings = "{}")
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(ManualClock.AtUnixSeconds(StartUnixSeconds));
        new HttpDeliveryPlugin().ConfigureServices(services, Context(settings));
        return new HttpChannel(services.BuildServiceProvider());
    }

    /// <summary>Loopback receivers are non-public: most tests allow exactly 127.0.0.1.</summary>
    public static HttpChannel AllowingLoopback(string moreSettings = "") =>
        Create($$"""{ "allowedNetworks": ["127.0.0.1/32"] {{moreSettings}} }""");

    public static PluginContext Context(string settings) =>
        new("Delivery.Http", new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings))).Build(), Path.GetTempPath(), "/srv/webhooks/plugins.json");

    public Task<DeliveryAttemptResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        Delivery.DeliverAsync(message, cancellationToken);

    public void Dispose() => _services.Dispose();
}
