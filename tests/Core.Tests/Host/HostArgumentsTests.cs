using Webhooks.Modular.Host;

namespace Webhooks.Modular.Core.Tests.Host;

public sealed class HostArgumentsTests
{
    [Fact]
    public void Config_defaults_to_plugins_json_and_other_arguments_pass_through()
    {
        var parsed = HostArguments.Parse(["--urls", "http://127.0.0.1:9000"]);

        Assert.Equal("plugins.json", parsed.ConfigPath);
        Assert.Equal(["--urls", "http://127.0.0.1:9000"], parsed.Rest);
    }

    [Theory]
    [InlineData("--config", "examples/dagu/plugins.json")]
    [InlineData("--config=examples/dagu/plugins.json", null)]
    public void Config_is_taken_in_both_forms(string first, string? second)
    {
        var parsed = HostArguments.Parse(second is null ? [first] : [first, second]);

        Assert.Equal("examples/dagu/plugins.json", parsed.ConfigPath);
        Assert.Empty(parsed.Rest);
    }

    [Fact]
    public void Config_without_a_path_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => HostArguments.Parse(["--config"]));
    }

    [Fact]
    public void Verb_takes_every_argument_but_config()
    {
        var parsed = HostArguments.Parse(["token", "create", "--hook", "h", "--config", "x.json"]);

        Assert.Equal("token", parsed.Command);
        Assert.Equal(["create", "--hook", "h"], parsed.CommandArguments!);
        Assert.Equal("x.json", parsed.ConfigPath);
    }

    [Fact]
    public void Verb_may_follow_config_and_configuration_overrides()
    {
        var parsed = HostArguments.Parse(["--config", "x.json", "--Logging:LogLevel:Default", "Debug", "--urls=http://127.0.0.1:1", "token", "list", "--hook", "h"]);

        Assert.Equal("token", parsed.Command);
        Assert.Equal(["list", "--hook", "h"], parsed.CommandArguments!);
        Assert.Equal(["--Logging:LogLevel:Default", "Debug", "--urls=http://127.0.0.1:1"], parsed.Rest);
        Assert.Equal("x.json", parsed.ConfigPath);
    }

    [Fact]
    public void A_switch_without_a_value_does_not_swallow_a_known_verb()
    {
        var parsed = HostArguments.Parse(["--verbose", "token", "list"]);

        Assert.Equal("token", parsed.Command);
        Assert.False(parsed.Serves);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--version")]
    [InlineData("serve", "--help")]
    public void Help_and_version_never_serve(params string[] args)
    {
        Assert.False(HostArguments.Parse(args).Serves);
    }
}
