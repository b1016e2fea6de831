using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>
/// A broken plugins.json stops the real host executable before it serves anything, with one line that names
/// the file, the plugin (or hook) and the key, and a non-zero exit code.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Invalid_json_names_the_file_and_the_line()
    {
        var config = _folder.Write("plugins.json", "{\n  \"plugins\": [\n    { \"name\": \"Storage.Sqlite\" \n  ]\n}");

        var error = await StartAndFailAsync(config);

        Assert.Contains("plugins.json", error);
        Assert.Contains("invalid JSON", error);
        Assert.Contains("line 4", error);
    }

    [Fact]
    public async Task Unknown_plugin_names_the_plugin_and_its_path_key()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.DoesNotExist" }]);

        var error = await StartAndFailAsync(config);

        Assert.Contains(config, error);
        Assert.Contains("Auth.DoesNotExist", error);
        Assert.Contains("'plugins:4:path'", error);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task Missing_setting_names_the_hook_and_the_full_key()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true", hook => hook["auth"]!["settings"] = new JsonObject())]);

        var error = await StartAndFailAsync(config);

        Assert.Contains(config, error);
        Assert.Contains("hook 'h'", error);
        Assert.Contains("hooks:0:auth:settings:keys", error);
    }

    [Fact]
    public async Task Plugin_folder_without_its_assembly_is_refused()
    {
        var folder = Directory.CreateDirectory(_folder.File("plugins/Empty")).FullName;
        File.WriteAllText(Path.Combine(folder, "README.txt"), "no assembly here");
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Empty", path = "plugins/Empty" }]);

        var error = await StartAndFailAsync(config);

        Assert.Contains("'plugins:4:path'", error);
        Assert.Contains("holds no plugin assembly", error);
    }

    [Fact]
    public async Task Plugin_built_against_an_incompatible_abstractions_version_is_refused()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Future", path = RepoPaths.Plugin("Fixture.FuturePlugin") }]);

        var error = await StartAndFailAsync(config);

        Assert.Contains("Future", error);
        Assert.Contains("built against Webhooks.Modular.Abstractions 2.0.0", error);
        Assert.Contains("provides 1.0.0", error);
    }

    [Fact]
    public async Task Unknown_auth_scheme_lists_the_known_ones()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true", hook => hook["auth"]!["scheme"] = "telepathy")]);

        var error = await StartAndFailAsync(config);

        Assert.Contains("hooks:0:auth:scheme", error);
        Assert.Contains("unknown auth scheme 'telepathy'", error);
        Assert.Contains("api-key", error);
    }

    [Fact]
    public async Task Hook_response_with_a_status_that_is_not_a_success_is_refused_naming_the_key()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true", hook => hook["response"] = new JsonObject { ["status"] = 500 })]);

        var error = await StartAndFailAsync(config);

        Assert.Contains("hook 'h'", error);
        Assert.Contains("'hooks:0:response:status'", error);
        Assert.Contains("'500' is not one of 200, 202, 204", error);
    }

    [Fact]
    public async Task Hook_response_with_an_unknown_placeholder_is_refused_naming_the_key()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true", hook => hook["response"] = new JsonObject { ["body"] = "ok {{secret}}" })]);

        var error = await StartAndFailAsync(config);

        Assert.Contains("'hooks:0:response:body'", error);
        Assert.Contains("unknown placeholder '{{secret}}'", error);
    }

    [Fact]
    public async Task Missing_configuration_file_is_refused()
    {
        var error = await StartAndFailAsync(_folder.File("nowhere.json"));

        Assert.Contains("nowhere.json", error);
        Assert.Contains("does not exist", error);
    }

    private static async Task<string> StartAndFailAsync(string config)
    {
        await using var host = HostProcess.Start(config);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, exitCode);
        var error = host.StandardError.Trim();
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return error;
    }
}
