using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dograh;
using Webhooks.Modular.Surfaces.Dograh.Destinations;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>At start the engine's <c>dograh</c> destinations are made to match the configured webhook nodes.</summary>
public sealed class DestinationSynchronizerTests : IDisposable
{
    private readonly DograhFolder _folder = new();
    private readonly RecordingDestinations _destinations = new();

    public void Dispose() => _folder.Dispose();

    private WorkflowCatalog Catalog(string settings) => WorkflowCatalog.Load(DograhOptions.FromSettings(_folder.Context(settings)));

    private Task StartAsync(WorkflowCatalog catalog, ICredentialManager? credentials = null) =>
        new DestinationSynchronizer(catalog, _destinations, credentials, NullLogger.Instance).StartAsync(CancellationToken.None);

    [Fact]
    public async Task Each_webhook_node_is_declared_with_everything_the_engine_needs()
    {
        _folder.Write("support.json", """
            { "nodes": [
                { "id": "webhook-1", "type": "webhook", "data": {
                    "name": "Notify CRM", "enabled": false, "http_method": "PATCH",
                    "endpoint_url": "https://crm.example/hooks/dograh?src=1",
                    "credential_uuid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                    "custom_headers": { "X-Source": "dograh" },
                    "payload_template": { "run": "{{workflow_run_id}}" },
                    "retry_config": { "enabled": true, "max_retries": 4, "retry_delay_seconds": 20 } } } ] }
            """);

        await StartAsync(Catalog("""{ "workflows": [ { "id": 12, "name": "Support line", "hook": "call-completed", "file": "support.json" } ] }"""));

        var spec = Assert.Single(_destinations.Declared);
        Assert.Equal("dograh-12-webhook-1", spec.Id);
        Assert.Equal("dograh", spec.Owner);
        Assert.Equal(["run.completed", "run.failed"], spec.EventTypes);
        Assert.Equal("call-completed", spec.HookName);
        Assert.Equal(("PATCH", "https://crm.example/hooks/dograh?src=1"), (spec.Method, spec.Url));
        Assert.False(spec.IsActive);
        Assert.Equal(("http", "dograh", "none"), (spec.Channel, spec.Format, spec.Signing));
        Assert.Equal(new Dictionary<string, string> { ["X-Source"] = "dograh" }, spec.Headers);
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", spec.CredentialId);
        Assert.Equal(RetryPolicy.Fixed(4, 20), spec.Retry);
        var template = NodeTemplate.TryParse(spec.Template)!;
        Assert.Equal((12, "Support line", "webhook-1", "Notify CRM"), (template.WorkflowId, template.WorkflowName, template.NodeId, template.NodeName));
        Assert.Equal("""{"run":"{{workflow_run_id}}"}""", template.PayloadTemplate!.ToJsonString());
    }

    [Fact]
    public async Task Destinations_of_nodes_no_longer_configured_are_deleted_and_others_owners_kept()
    {
        _folder.Write("support.json", SeedWorkflow.Definition);
        var stale = StoredDestinations.From(new DestinationSpec("dograh", "https://old.example/", ["run.completed"]) { Id = "dograh-12-old-node" });
        var foreign = StoredDestinations.From(new DestinationSpec("danube", "https://sub.example/", ["workflow.completed"]) { Id = "sub-1" });
        _destinations.Stored[stale.Id] = stale;
        _destinations.Stored[foreign.Id] = foreign;

        await StartAsync(Catalog("""{ "workflows": [ { "id": 12, "hook": "call-completed", "file": "support.json" } ] }"""));

        Assert.Equal(["dograh-12-webhook-1", "sub-1"], _destinations.Stored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Starting_again_declares_the_same_ids()
    {
        _folder.Write("support.json", SeedWorkflow.Definition);
        var catalog = Catalog("""{ "workflows": [ { "id": 12, "hook": "call-completed", "file": "support.json" }, { "id": 13, "hook": "other", "file": "support.json" } ] }""");

        await StartAsync(catalog);
        await StartAsync(catalog);

        Assert.Equal(["dograh-12-webhook-1", "dograh-13-webhook-1"], _destinations.Stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, _destinations.Declared.Count);
    }

    [Fact]
    public async Task A_node_the_engine_refuses_stops_the_host_naming_the_file_node_and_key()
    {
        var file = _folder.Write("support.json", SeedWorkflow.Definition);
        _destinations.Refuse = _ => new ArgumentException("the url's host is not allowed", "url");

        var error = await Assert.ThrowsAsync<PluginConfigurationException>(() =>
            StartAsync(Catalog("""{ "workflows": [ { "id": 12, "hook": "call-completed", "file": "support.json" } ] }""")));

        Assert.Equal($"{file}: node 'webhook-1': 'data.endpoint_url': the url's host is not allowed", error.Message);
    }

    [Fact]
    public async Task A_missing_credential_does_not_stop_the_start()
    {
        _folder.Write("support.json", SeedWorkflow.WithData("""{ "endpoint_url": "https://a.example/", "credential_uuid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301" }"""));

        await StartAsync(Catalog("""{ "workflows": [ { "id": 1, "hook": "h", "file": "support.json" } ] }"""), new MemoryCredentials());

        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", Assert.Single(_destinations.Declared).CredentialId);
    }
}
