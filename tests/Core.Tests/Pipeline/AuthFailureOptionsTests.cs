using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Pipeline;

namespace Webhooks.Modular.Core.Tests.Pipeline;

public sealed class AuthFailureOptionsTests
{
    [Fact]
    public void Defaults_are_ten_failures_a_minute()
    {
        var options = AuthFailureOptions.Bind(null, "plugins.json");

        Assert.Equal((10, 60d), (options.Limit, options.WindowSeconds));
    }

    [Theory]
    [InlineData("""{ "limit": -1 }""", "authFailures:limit")]
    [InlineData("""{ "windowSeconds": 0 }""", "authFailures:windowSeconds")]
    [InlineData("""{ "windowSeconds": 100000 }""", "authFailures:windowSeconds")]
    [InlineData("""{ "window": 60 }""", "authFailures")]
    public void Bad_setting_is_an_error_naming_the_key(string json, string key)
    {
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var error = Assert.Throws<PluginConfigurationException>(() => AuthFailureOptions.Bind(section, "plugins.json"));

        Assert.Equal(key, error.Key);
    }
}
