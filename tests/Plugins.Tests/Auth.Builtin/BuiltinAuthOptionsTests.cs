using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Auth.Builtin;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

public sealed class BuiltinAuthOptionsTests
{
    [Fact]
    public void Defaults_are_a_day_long_wms_sessions_at_the_v1_login_path()
    {
        var options = BuiltinAuthOptions.FromSettings(BuiltinFixture.Context("Auth.Builtin", "{}", Path.GetTempPath()));

        Assert.Equal(TimeSpan.FromHours(24), options.SessionLifetime);
        Assert.Equal("wms_", options.SessionPrefix);
        Assert.Equal("/api/v1/auth/login", options.LoginPath);
        Assert.Equal((5, TimeSpan.FromMinutes(1)), (options.LoginFailureLimit, options.LoginFailureWindow));
        Assert.Equal(["Auth.Bearer"], new BuiltinAuthPlugin().DependsOn);
    }

    [Theory]
    [InlineData("""{ "sessionHour": 2 }""", "settings:sessionHour")]
    [InlineData("""{ "sessionHours": 0 }""", "settings:sessionHours")]
    [InlineData("""{ "sessionHours": "a day" }""", "settings:sessionHours")]
    [InlineData("""{ "sessionHours": 100000 }""", "settings:sessionHours")]
    [InlineData("""{ "sessionPrefix": "has space" }""", "settings:sessionPrefix")]
    [InlineData("""{ "loginPath": "api/login" }""", "settings:loginPath")]
    [InlineData("""{ "loginPath": "/api/{user}/login" }""", "settings:loginPath")]
    [InlineData("""{ "loginFailures": { "limit": -1 } }""", "settings:loginFailures:limit")]
    [InlineData("""{ "loginFailures": { "limit": "many" } }""", "settings:loginFailures:limit")]
    [InlineData("""{ "loginFailures": { "windowSeconds": 0 } }""", "settings:loginFailures:windowSeconds")]
    [InlineData("""{ "loginFailures": { "window": 60 } }""", "settings:loginFailures:window")]
    public void Bad_setting_is_an_error_naming_the_key(string settings, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(
            () => BuiltinAuthOptions.FromSettings(BuiltinFixture.Context("Auth.Builtin", settings, Path.GetTempPath())));

        Assert.Equal(key, error.Key);
        Assert.Equal("Auth.Builtin", error.Owner);
    }
}
