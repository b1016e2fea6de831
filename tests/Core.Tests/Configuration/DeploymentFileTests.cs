using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Configuration;

public sealed class DeploymentFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Relative_plugin_paths_resolve_against_the_files_folder_and_defaults_use_the_plugin_root()
    {
        var file = _folder.Write("conf/plugins.json", """
            {
              // comments are allowed
              "plugins": [ { "name": "Local", "path": "../mine/local" }, { "name": "Storage.Sqlite", "settings": { "path": "db.sqlite" } } ],
              "hooks": [ { "name": "a" } ]
            }
            """);

        var model = DeploymentFile.Load(file, "/opt/host/plugins");

        Assert.Equal(Path.Combine(_folder.Path, "conf"), model.BaseDirectory);
        Assert.Equal(Path.Combine(_folder.Path, "mine", "local"), model.Plugins[0].Folder);
        Assert.Equal("/opt/host/plugins/Storage.Sqlite", model.Plugins[1].Folder);
        Assert.Equal("db.sqlite", model.Plugins[1].Settings["path"]);
        Assert.Equal("hooks:0", Assert.Single(model.Hooks).Key);
    }

    [Theory]
    [InlineData("""{ "plugin": [] }""", "plugin", "unknown key")]
    [InlineData("""{ "plugins": {} }""", "plugins", "must be an array")]
    [InlineData("""{ "plugins": [ { "settings": {} } ] }""", "plugins:0:name", "is required")]
    [InlineData("""{ "plugins": [ { "name": "x", "folder": "y" } ] }""", "plugins:0:folder", "unknown key")]
    [InlineData("""[]""", "$", "JSON object")]
    public void Bad_shape_names_the_key(string json, string key, string problem)
    {
        var file = _folder.Write("plugins.json", json);

        var error = Assert.Throws<PluginConfigurationException>(() => DeploymentFile.Load(file, "/plugins"));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.Equal(file, error.File);
    }
}
