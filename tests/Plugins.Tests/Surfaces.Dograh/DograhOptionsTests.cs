using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dograh;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

public sealed class DograhOptionsTests : IDisposable
{
    private readonly DograhFolder _folder = new();

    public DograhOptionsTests() => _folder.Write("workflows/support.json", SeedWorkflow.Definition);

    public void Dispose() => _folder.Dispose();

    private PluginConfigurationException Error(string settings) =>
        Assert.Throws<PluginConfigurationException>(() => DograhOptions.FromSettings(_folder.Context(settings)));

    [Fact]
    public void Workflows_are_read_with_their_file_resolved_against_the_configuration_folder()
    {
        var options = DograhOptions.FromSettings(_folder.Context("""
            { "workflows": [
                { "id": 12, "name": "Support line", "hook": "call-completed", "file": "workflows/support.json" },
                { "id": 13, "hook": "call.other", "file": "workflows/support.json" } ] }
            """));

        Assert.Equal(2, options.Workflows.Count);
        var first = options.Workflows[0];
        Assert.Equal((12, "Support line", "call-completed", 0), (first.Id, first.Name, first.Hook, first.Index));
        Assert.Equal(Path.Combine(_folder.Path, "workflows", "support.json"), first.File);
        Assert.Equal("support", options.Workflows[1].Name); // the file's name when none is given
    }

    [Fact]
    public void No_workflows_is_allowed()
    {
        Assert.Empty(DograhOptions.FromSettings(_folder.Context("{}")).Workflows);
        Assert.Empty(DograhOptions.FromSettings(_folder.Context("""{ "workflows": [] }""")).Workflows);
    }

    [Fact]
    public void The_catalog_reads_every_definition_and_finds_the_nodes_using_a_credential()
    {
        _folder.Write("workflows/billing.json", SeedWorkflow.WithData(
            """{ "endpoint_url": "https://a.example/", "credential_uuid": "3F2504E0-4F89-11D3-9A0C-0305E82C3301" }""", "\"billing-hook\""));
        var catalog = WorkflowCatalog.Load(DograhOptions.FromSettings(_folder.Context("""
            { "workflows": [
                { "id": 1, "hook": "a", "file": "workflows/support.json" },
                { "id": 2, "hook": "b", "file": "workflows/billing.json" } ] }
            """)));

        Assert.Equal(["webhook-1", "billing-hook"], catalog.Workflows.SelectMany(w => w.Webhooks).Select(n => n.Id));
        Assert.Equal(["workflow 2 node 'billing-hook'"], catalog.NodesUsing("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        Assert.Empty(catalog.NodesUsing("00000000-0000-0000-0000-000000000001"));
    }

    [Fact]
    public void A_bad_node_in_a_definition_stops_loading_with_the_file_and_node()
    {
        var file = _folder.Write("workflows/broken.json", SeedWorkflow.WithData("""{ "endpoint_url": "mailto:crm@example.com" }"""));

        var error = Assert.Throws<PluginConfigurationException>(() => WorkflowCatalog.Load(DograhOptions.FromSettings(_folder.Context(
            """{ "workflows": [ { "id": 1, "hook": "a", "file": "workflows/broken.json" } ] }"""))));

        Assert.Equal($"{file}: node 'webhook-1': 'data.endpoint_url': must be an absolute http(s) URL, not 'mailto:crm@example.com'", error.Message);
    }

    [Theory]
    [InlineData("""{ "workflow": [] }""", "settings:workflow", "unknown setting")]
    [InlineData("""{ "workflows": "support.json" }""", "settings:workflows", "must be a list")]
    [InlineData("""{ "workflows": [ "support.json" ] }""", "settings:workflows:0", "is an object")]
    [InlineData("""{ "workflows": [ { "hook": "a", "file": "workflows/support.json" } ] }""", "settings:workflows:0:id", "is required")]
    [InlineData("""{ "workflows": [ { "id": "one", "hook": "a", "file": "workflows/support.json" } ] }""", "settings:workflows:0:id", "is not a positive integer")]
    [InlineData("""{ "workflows": [ { "id": 0, "hook": "a", "file": "workflows/support.json" } ] }""", "settings:workflows:0:id", "is not a positive integer")]
    [InlineData("""{ "workflows": [ { "id": -3, "hook": "a", "file": "workflows/support.json" } ] }""", "settings:workflows:0:id", "is not a positive integer")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "a", "file": "workflows/support.json" }, { "id": 1, "hook": "b", "file": "workflows/support.json" } ] }""", "settings:workflows:1:id", "another workflow has id 1")]
    [InlineData("""{ "workflows": [ { "id": 1, "file": "workflows/support.json" } ] }""", "settings:workflows:0:hook", "is required")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "call completed", "file": "workflows/support.json" } ] }""", "settings:workflows:0:hook", "is not a hook name")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "a" } ] }""", "settings:workflows:0:file", "is required")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "a", "file": "workflows/nope.json" } ] }""", "settings:workflows:0:file", "does not exist")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "a", "file": "workflows/support.json", "name": " " } ] }""", "settings:workflows:0:name", "must not be blank")]
    [InlineData("""{ "workflows": [ { "id": 1, "hook": "a", "file": "workflows/support.json", "nodes": [] } ] }""", "settings:workflows:0:nodes", "unknown key")]
    public void Each_bad_setting_names_the_key(string settings, string key, string problem)
    {
        var error = Error(settings);

        Assert.Equal((_folder.ConfigurationFile, "Surfaces.Dograh", key), (error.File, error.Owner, error.Key));
        Assert.Contains(problem, error.Problem);
    }
}
