using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>
/// A plugin's own exception (from its constructor, <c>ConfigureServices</c> or a factory's <c>Create</c>) stops the
/// real host executable like a configuration mistake: one line naming the file, the plugin, the hook and key, and
/// the plugin's message, exit code 2; a misspelled plugin name gets the closest built-in name.
/// </summary>
public sealed class PluginFailureTests : IDisposable
{
    private const string Throwing = "Throwing";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Exception_in_a_plugin_constructor_is_one_line_with_the_plugins_message()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [ThrowingPlugin()]);

        var error = await StartAndFailAsync(config, new Dictionary<string, string?> { ["FIXTURE_THROW_IN_CONSTRUCTOR"] = "the constructor broke" });

        Assert.Contains(config, error);
        Assert.Contains($": {Throwing}: 'plugins:4':", error);
        Assert.Contains("constructor of Fixture.ThrowingPlugin.ThrowingPlugin threw InvalidOperationException: the constructor broke", error);
        Assert.DoesNotContain("target of an invocation", error);
    }

    [Fact]
    public async Task Exception_in_ConfigureServices_is_one_line_naming_the_plugin()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [ThrowingPlugin(new { throwIn = "configureServices" })]);

        var error = await StartAndFailAsync(config);

        Assert.Contains(config, error);
        Assert.Contains($": {Throwing}: 'plugins:4':", error);
        Assert.Contains("ThrowingPlugin.ConfigureServices threw InvalidOperationException: the plugin could not register its services", error);
    }

    [Fact]
    public async Task Exception_in_a_factory_Create_is_one_line_naming_the_hook_the_key_and_the_plugin()
    {
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("h", "true", hook => hook["action"] = new JsonObject { ["type"] = "explode" })],
            extraPlugins: [ThrowingPlugin()]);

        var error = await StartAndFailAsync(config);

        Assert.Contains(config, error);
        Assert.Contains("hook 'h': 'hooks:0:action':", error);
        Assert.Contains($"plugin '{Throwing}' failed to create action type 'explode': FormatException: the action's factory broke", error);
    }

    [Fact]
    public async Task Misspelled_plugin_name_suggests_the_closest_built_in_one_and_lists_them()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Hmca" }]);

        var error = await StartAndFailAsync(config);

        Assert.Contains(config, error);
        Assert.Contains("'plugins:4:name'", error);
        Assert.Contains("no plugin named 'Auth.Hmca'", error);
        Assert.Contains("did you mean 'Auth.Hmac'?", error);
        Assert.Contains("available: ", error);
        Assert.Contains("Delivery.Http", error);
        Assert.Contains("Storage.Postgres", error);
    }

    private static object ThrowingPlugin(object? settings = null) =>
        new { name = Throwing, path = RepoPaths.Plugin("Fixture.ThrowingPlugin"), settings = settings ?? new { } };

    private static async Task<string> StartAndFailAsync(string config, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var host = HostProcess.Start(config, environment: environment);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var error = host.StandardError.Trim();
        Assert.True(exitCode == 2, $"exit code {exitCode}: {error}{host.StandardOutput}");
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return error;
    }
}
