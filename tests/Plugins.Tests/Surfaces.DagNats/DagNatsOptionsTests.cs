using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.DagNats;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

public sealed class DagNatsOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dagnats-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Defaults_resolve_against_the_configuration_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "workflows"));

        var options = DagNatsOptions.FromSettings(DagNatsFixture.Context("Surfaces.DagNats", "{}", _folder));

        Assert.Equal(Path.Combine(_folder, "workflows"), options.WorkflowsDirectory);
        Assert.Equal(Path.Combine(_folder, "data", "dagnats-secrets"), options.SecretsDirectory);
        Assert.Equal("workflows/a.yaml", options.Reference(Path.Combine(_folder, "workflows", "a.yaml")));
        Assert.Equal("/elsewhere/a.yaml", options.Reference("/elsewhere/a.yaml"));
        Assert.Equal(Path.GetFullPath(Path.Combine(_folder, "..", "x")), options.Reference(Path.GetFullPath(Path.Combine(_folder, "..", "x"))));
    }

    [Theory]
    [InlineData("""{ "workflowsDirectory": "missing" }""", "settings:workflowsDirectory", "does not exist")]
    [InlineData("""{ "workflowsDirectory": " " }""", "settings:workflowsDirectory", "must not be blank")]
    [InlineData("""{ "secretsDirectory": "" }""", "settings:secretsDirectory", "must not be blank")]
    [InlineData("""{ "dagsDirectory": "dags" }""", "settings:dagsDirectory", "unknown setting")]
    public void Bad_settings_name_the_key(string json, string key, string problem)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "workflows"));

        var error = Assert.Throws<PluginConfigurationException>(() => DagNatsOptions.FromSettings(DagNatsFixture.Context("Surfaces.DagNats", json, _folder)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem);
    }
}
