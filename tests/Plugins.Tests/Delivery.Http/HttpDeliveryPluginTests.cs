using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Delivery.Http;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class HttpDeliveryPluginTests
{
    [Fact]
    public void Plugin_registers_one_http_channel()
    {
        var services = new ServiceCollection();
        new HttpDeliveryPlugin().ConfigureServices(services, HttpChannel.Context("{}"));
        using var provider = services.BuildServiceProvider();

        var delivery = Assert.Single(provider.GetServices<IOutboundDelivery>());
        Assert.Equal("http", delivery.Type);
        Assert.Same(delivery, provider.GetRequiredService<IOutboundDelivery>());
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = HttpDeliveryOptions.FromSettings(HttpChannel.Context("{}"));

        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Equal(1024, options.MaxResponseExcerptBytes);
        Assert.Empty(options.AllowedNetworks);
        Assert.Equal("Webhooks.Modular/1.0", options.UserAgent);
    }

    [Fact]
    public void Settings_are_read()
    {
        var options = HttpDeliveryOptions.FromSettings(HttpChannel.Context("""
            { "timeoutSeconds": 5, "maxResponseExcerptBytes": 0, "allowedNetworks": ["10.0.0.0/8", "::1"], "userAgent": "acme/3" }
            """));

        Assert.Equal(5, options.TimeoutSeconds);
        Assert.Equal(0, options.MaxResponseExcerptBytes);
        Assert.Equal([System.Net.IPNetwork.Parse("10.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")], options.AllowedNetworks);
        Assert.Equal("acme/3", options.UserAgent);
    }

    [Fact]
    public void A_single_string_of_networks_is_taken_as_a_list()
    {
        var options = HttpDeliveryOptions.FromSettings(HttpChannel.Context("""{ "allowedNetworks": "10.0.0.0/8, 127.0.0.1" }"""));

        Assert.Equal(2, options.AllowedNetworks.Count);
    }

    [Theory]
    [InlineData("""{ "timeoutSeconds": 0 }""", "timeoutSeconds")]
    [InlineData("""{ "timeoutSeconds": "soon" }""", "timeoutSeconds")]
    [InlineData("""{ "timeoutSeconds": 1.5 }""", "timeoutSeconds")]
    [InlineData("""{ "maxResponseExcerptBytes": -1 }""", "maxResponseExcerptBytes")]
    [InlineData("""{ "maxResponseExcerptBytes": 99999999 }""", "maxResponseExcerptBytes")]
    [InlineData("""{ "allowedNetworks": ["10.0.0.0/33"] }""", "allowedNetworks:0")]
    [InlineData("""{ "allowedNetworks": ["127.0.0.1/32", "intranet"] }""", "allowedNetworks:1")]
    [InlineData("""{ "allowedNetworks": ["10.0.0.1/8"] }""", "allowedNetworks:0")]
    [InlineData("""{ "allowedNetworks": "10.0.0.0/8, nope" }""", "allowedNetworks")]
    [InlineData("""{ "userAgent": "" }""", "userAgent")]
    [InlineData("""{ "timeout": 5 }""", "timeout")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => new HttpDeliveryPlugin().ConfigureServices(new ServiceCollection(), HttpChannel.Context(json)));

        Assert.Equal($"settings:{key}", error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delivery.Http", error.Message, StringComparison.Ordinal);
    }
}
