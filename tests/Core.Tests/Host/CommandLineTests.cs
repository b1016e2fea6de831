using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>The real executable's command line: help and version answer and exit, usage errors are one line, the verb's place is free.</summary>
public sealed class CommandLineTests : IDisposable
{
    // Long enough for a loaded machine; a host that serves instead of answering is killed at this point and fails.
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(45);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("serve --help")]
    public async Task Help_prints_the_commands_and_exits_0_without_serving(string arguments)
    {
        var config = DefaultDeployment();
        var port = HostProcess.FreePort();

        var (code, output, error) = await HostCommand.RunExactlyAsync(
            _folder.Path, Answer, [.. arguments.Split(' '), "--config", config, "--urls", $"http://127.0.0.1:{port}"]);

        Assert.True(code == 0, error);
        Assert.Contains("Usage:", output);
        Assert.Contains("Examples:", output);
        Assert.DoesNotContain("Now listening", output + error);
        if (arguments != "serve --help")
        {
            // The plugin verbs: the deployment's own, and the built-in ones with the plugin they need.
            Assert.Contains("destination", output);
            Assert.Contains("(needs the Auth.Bearer plugin", output);
        }
    }

    [Fact]
    public async Task Help_for_a_verb_describes_its_options_and_examples()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Bearer" }]);

        var (code, output, error) = await HostCommand.RunExactlyAsync(_folder.Path, Answer, "help", "token", "--config", config);

        Assert.True(code == 0, error);
        Assert.Contains("--expires-in <DURATION>", output);
        Assert.Contains("Webhooks.Modular.Host token create --hook deploy --expires-in 30d", output);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (code, output, error) = await HostCommand.RunExactlyAsync(_folder.Path, Answer, "--version");

        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+"), output);
    }

    [Theory]
    [InlineData("error: unknown command 'tokn'", "tokn")]
    [InlineData("error: serve takes options only, not 'tokn'", "serve", "tokn")]
    [InlineData("error: unknown command 'tokn'", "--Logging:LogLevel:Default=Debug", "tokn")]
    [InlineData("error: destination: Required argument missing for option: '--url'", "destination", "create", "--url")]
    [InlineData("error: help takes one command name", "help", "token", "user")]
    public async Task A_usage_error_is_one_line_and_exit_2(string expected, params string[] arguments)
    {
        var config = DefaultDeployment();

        var (code, output, error) = await HostCommand.RunExactlyAsync(_folder.Path, Answer, [.. arguments, "--config", config]);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_verb_after_config_and_configuration_overrides_runs()
    {
        var config = DefaultDeployment();

        var created = await HostCommand.RunExactlyAsync(
            _folder.Path, Answer, "--config", config, "--Logging:LogLevel:Default=Warning", "destination", "create", "--url", "https://example.org/in", "--events", "a.b");
        var listed = await HostCommand.RunExactlyAsync(_folder.Path, Answer, "--config", config, "--urls", "http://127.0.0.1:1", "destination", "list");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains("url:         POST https://example.org/in", listed.Output);
    }

    [Fact]
    public async Task Token_on_the_default_deployment_names_the_plugin_to_add()
    {
        var config = DefaultDeployment();

        var (code, _, error) = await HostCommand.RunExactlyAsync(_folder.Path, Answer, "token", "create", "--hook", "demo", "--config", config);

        Assert.Equal(2, code);
        Assert.Equal(
            $"error: 'token' comes from the Auth.Bearer plugin, which {config} does not list; add {{ \"name\": \"Auth.Bearer\" }} to its plugins",
            error.TrimEnd());
    }

    [Fact]
    public async Task Bulk_replay_of_failed_deliveries_prints_plain_lines_when_redirected()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Reply = (_, _) => new Reply(500);
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("orders", "true")],
            extraPlugins: [new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } }]);
        var created = await HostCommand.RunAsync(config, "destination", "create", "--url", receiver.Url.ToString(), "--events", "event.webhook.orders", "--retry", "none");
        Assert.True(created.ExitCode == 0, created.Error);
        var destination = created.Output.Split('\n').First(l => l.StartsWith("id:", StringComparison.Ordinal))["id:".Length..].Trim();

        await using (var host = HostProcess.Start(config))
        {
            await host.WaitUntilReadyAsync();
            for (var i = 0; i < 2; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent($"{{\"n\":{i}}}", Encoding.UTF8, "application/json") };
                request.Headers.Add("X-API-Key", Deployments.ApiKey);
                Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            string shown;
            while (Regex.Matches(shown = (await HostCommand.RunAsync(config, "destination", "show", destination)).Output, " failed ").Count < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the two deliveries never failed: {shown} {host.StandardError} (receiver saw {receiver.Requests.Count})");
                await Task.Delay(200);
            }
        }

        var (code, output, error) = await HostCommand.RunAsync(config, "destination", "replay", "--failed");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^replay 1/2 \S+: replaying$", lines[0]);
        Assert.Matches(@"^replay 2/2 \S+: replaying$", lines[1]);
        Assert.Equal("replayed 2 of 2 failed deliveries", lines[2]);
        Assert.DoesNotContain('\r', output);
    }

    /// <summary>The repository's own plugins.json (the README's demo), in a temp folder.</summary>
    private string DefaultDeployment() =>
        _folder.Write("plugins.json", File.ReadAllText(Path.Combine(RepoPaths.Root, "plugins.json")));
}
