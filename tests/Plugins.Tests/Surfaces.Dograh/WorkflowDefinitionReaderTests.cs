using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

public sealed class WorkflowDefinitionReaderTests
{
    private const string File = "/srv/dograh/workflows/support.json";

    private static IReadOnlyList<WebhookNode> Parse(string json) => WorkflowDefinitionReader.Parse(File, json);

    private static WebhookNode Node(string data) => Assert.Single(Parse(SeedWorkflow.WithData(data)));

    private static PluginConfigurationException Error(string json) =>
        Assert.Throws<PluginConfigurationException>(() => Parse(json));

    [Fact]
    public void The_documented_webhook_node_is_read_and_other_nodes_are_ignored()
    {
        var node = Assert.Single(Parse(SeedWorkflow.Definition));

        Assert.Equal("webhook-1", node.Id);
        Assert.Equal("Notify CRM", node.Name);
        Assert.True(node.Enabled);
        Assert.Equal("POST", node.HttpMethod);
        Assert.Equal("https://your-service.com/webhook/dograh", node.EndpointUrl.AbsoluteUri);
        Assert.Null(node.CredentialUuid);
        Assert.Empty(node.CustomHeaders);
        Assert.Equal(RetryPolicy.None, node.Retry);
        Assert.Equal(
            """{"run_id":"{{workflow_run_id}}","customer":"{{initial_context.customer_name}}","outcome":"{{gathered_context.resolution}}"}""",
            node.PayloadTemplate!.ToJsonString());
    }

    [Fact]
    public void Only_the_url_is_required()
    {
        var node = Node("""{ "endpoint_url": "http://127.0.0.1:9000/hook" }""");

        Assert.Equal(("webhook-1", true, "POST"), (node.Name, node.Enabled, node.HttpMethod));
        Assert.Null(node.PayloadTemplate);
        Assert.Null(node.CredentialUuid);
        Assert.Equal(RetryPolicy.None, node.Retry);
    }

    [Fact]
    public void Every_webhook_node_is_read_in_file_order_with_numeric_ids_as_text()
    {
        var nodes = Parse("""
            // Comments and trailing commas are allowed, as in plugins.json.
            { "nodes": [
                { "id": 7, "type": "webhook", "data": { "endpoint_url": "https://a.example/", "enabled": false, "http_method": "put" } },
                { "id": "qa", "type": "qa", "data": { "endpoint_url": 12 } },
                { "id": "w.2", "type": "webhook", "data": { "endpoint_url": "https://b.example/x?y=1", "name": "  " } },
              ] }
            """);

        Assert.Equal(["7", "w.2"], nodes.Select(n => n.Id));
        Assert.Equal((false, "PUT"), (nodes[0].Enabled, nodes[0].HttpMethod));
        Assert.Equal("w.2", nodes[1].Name);
        Assert.Equal("https://b.example/x?y=1", nodes[1].EndpointUrl.AbsoluteUri);
    }

    [Fact]
    public void Custom_headers_are_read_as_an_object()
    {
        var node = Node("""{ "endpoint_url": "https://a.example/", "custom_headers": { "X-Source": "dograh", "X-Tenant": "acme", "Content-Type": "application/json" } }""");

        Assert.Equal(new Dictionary<string, string> { ["X-Source"] = "dograh", ["X-Tenant"] = "acme" }, node.CustomHeaders);
    }

    [Fact]
    public void Custom_headers_are_read_as_dograhs_rows_of_key_and_value_skipping_blank_rows()
    {
        var node = Node("""
            { "endpoint_url": "https://a.example/",
              "custom_headers": [ { "key": "X-Source", "value": "dograh" }, { "key": "", "value": "" }, { "key": "X-Empty", "value": "" } ] }
            """);

        Assert.Equal(new Dictionary<string, string> { ["X-Source"] = "dograh", ["X-Empty"] = "" }, node.CustomHeaders);
    }

    [Theory]
    [InlineData("""{ "enabled": true, "max_retries": 5, "retry_delay_seconds": 30 }""", "fixed", 5, 30)]
    [InlineData("""{ "enabled": true }""", "fixed", 3, 5)]
    [InlineData("""{ "enabled": true, "max_retries": 0, "retry_delay_seconds": 86400 }""", "fixed", 0, 86400)]
    [InlineData("""{ "enabled": false, "max_retries": 5, "retry_delay_seconds": 30 }""", "none", 0, 0)]
    [InlineData("""{}""", "none", 0, 0)]
    [InlineData("""null""", "none", 0, 0)]
    public void Retry_config_becomes_a_fixed_policy_only_when_enabled(string retryConfig, string kind, int retries, int delay)
    {
        var node = Node($$"""{ "endpoint_url": "https://a.example/", "retry_config": {{retryConfig}} }""");

        Assert.Equal((kind, retries, delay), (node.Retry.Kind, node.Retry.MaxRetries, node.Retry.DelaySeconds));
    }

    [Theory]
    [InlineData("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("", null)]
    public void A_credential_uuid_is_kept_in_canonical_form(string given, string? expected) =>
        Assert.Equal(expected, Node($$"""{ "endpoint_url": "https://a.example/", "credential_uuid": "{{given}}" }""").CredentialUuid);

    [Fact]
    public void Any_json_is_a_payload_template()
    {
        Assert.Equal("\"{{workflow_run_id}}\"", Node("""{ "endpoint_url": "https://a.example/", "payload_template": "{{workflow_run_id}}" }""").PayloadTemplate!.ToJsonString());
        Assert.Equal("[1,\"{{workflow_id}}\"]", Node("""{ "endpoint_url": "https://a.example/", "payload_template": [1, "{{workflow_id}}"] }""").PayloadTemplate!.ToJsonString());
    }

    [Theory]
    [InlineData("""{}""", "data.endpoint_url", "is required")]
    [InlineData("""{ "endpoint_url": "  " }""", "data.endpoint_url", "is required")]
    [InlineData("""{ "endpoint_url": "ftp://files.example/x" }""", "data.endpoint_url", "must be an absolute http(s) URL")]
    [InlineData("""{ "endpoint_url": "/webhook/dograh" }""", "data.endpoint_url", "must be an absolute http(s) URL")]
    [InlineData("""{ "endpoint_url": "your-service.com/webhook" }""", "data.endpoint_url", "must be an absolute http(s) URL")]
    [InlineData("""{ "endpoint_url": 42 }""", "data.endpoint_url", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://user:secret@crm.example/" }""", "data.endpoint_url", "BASIC_AUTH credential")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "http_method": "TRACE" }""", "data.http_method", "is not one of GET, POST, PUT, PATCH, DELETE")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "http_method": 1 }""", "data.http_method", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "enabled": "yes" }""", "data.enabled", "must be true or false")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "name": 5 }""", "data.name", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "credential_uuid": "crm-key" }""", "data.credential_uuid", "is not a credential uuid")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "credential_uuid": 12 }""", "data.credential_uuid", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": "X-A: 1" }""", "data.custom_headers", "must be an object of header names to values")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": { "Bad Header": "x" } }""", "data.custom_headers.Bad Header", "is not a valid header name")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": { "X-A": 1 } }""", "data.custom_headers.X-A", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": { "X-A": "a\r\nX-B: b" } }""", "data.custom_headers.X-A", "line breaks")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": { "host": "evil.example" } }""", "data.custom_headers.host", "is set by the HTTP channel itself")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": { "Content-Type": "text/plain" } }""", "data.custom_headers.Content-Type", "always application/json")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": [ { "key": "X-A", "value": "1" }, { "key": "x-a", "value": "2" } ] }""", "data.custom_headers[1].key", "is given twice")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": [ { "key": "", "value": "v" } ] }""", "data.custom_headers[0].key", "is not a valid header name")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": [ { "key": "X-A", "value": true } ] }""", "data.custom_headers[0].value", "must be a string")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "custom_headers": [ "X-A" ] }""", "data.custom_headers[0]", "must be an object")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": true }""", "data.retry_config", "must be an object")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": "yes" } }""", "data.retry_config.enabled", "must be true or false")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": true, "max_retries": -1 } }""", "data.retry_config.max_retries", "from 0 to 100")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": true, "max_retries": 101 } }""", "data.retry_config.max_retries", "from 0 to 100")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": true, "max_retries": 2.5 } }""", "data.retry_config.max_retries", "whole number")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": true, "max_retries": "3" } }""", "data.retry_config.max_retries", "whole number")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": true, "retry_delay_seconds": 0 } }""", "data.retry_config.retry_delay_seconds", "from 1 to 86400")]
    [InlineData("""{ "endpoint_url": "https://a.example/", "retry_config": { "enabled": false, "retry_delay_seconds": 86401 } }""", "data.retry_config.retry_delay_seconds", "from 1 to 86400")]
    [InlineData("""null""", "data", "needs a 'data' object")]
    [InlineData("""[]""", "data", "needs a 'data' object")]
    public void Each_bad_value_names_the_file_the_node_and_the_key(string data, string key, string problem)
    {
        var error = Error(SeedWorkflow.WithData(data));

        Assert.Equal((File, "node 'webhook-1'", key), (error.File, error.Owner, error.Key));
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith($"{File}: node 'webhook-1': '{key}': ", error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"has space\"")]
    [InlineData("\"a/b\"")]
    [InlineData("true")]
    [InlineData("1.5")]
    public void A_webhook_node_needs_a_usable_id(string id)
    {
        var error = Error(SeedWorkflow.WithData("""{ "endpoint_url": "https://a.example/" }""", id));

        Assert.Equal(("nodes[0]", "id"), (error.Owner, error.Key));
        Assert.Contains("needs an id", error.Problem);
    }

    [Fact]
    public void Two_webhook_nodes_with_one_id_are_an_error()
    {
        var error = Error("""
            { "nodes": [
                { "id": "w", "type": "webhook", "data": { "endpoint_url": "https://a.example/" } },
                { "id": "w", "type": "webhook", "data": { "endpoint_url": "https://b.example/" } } ] }
            """);

        Assert.Equal(("node 'w'", "id"), (error.Owner, error.Key));
    }

    [Theory]
    [InlineData("{ \"nodes\": [ ", "line 1", "invalid JSON")]
    [InlineData("{\n  \"nodes\": [\n    { \"id\": \"w\" \"type\": \"webhook\" }\n  ]\n}", "line 3", "invalid JSON")]
    [InlineData("[]", "nodes", "a JSON object with a 'nodes' array")]
    [InlineData("{ \"edges\": [] }", "nodes", "a JSON object with a 'nodes' array")]
    [InlineData("{ \"nodes\": {} }", "nodes", "a JSON object with a 'nodes' array")]
    public void A_file_that_is_not_a_definition_is_an_error(string text, string key, string problem)
    {
        var error = Error(text);

        Assert.Equal(("workflow", key), (error.Owner, error.Key));
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void A_node_that_is_not_an_object_is_an_error()
    {
        var error = Error("""{ "nodes": [ { "id": "a", "type": "agentNode" }, 3 ] }""");

        Assert.Equal(("nodes[1]", "(node)"), (error.Owner, error.Key));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "support.json");

        var error = Assert.Throws<PluginConfigurationException>(() => WorkflowDefinitionReader.LoadFile(missing));

        Assert.Equal(missing, error.File);
        Assert.Contains("cannot be read", error.Problem);
    }

    [Fact]
    public void The_template_is_a_copy_independent_of_the_file_text()
    {
        var node = Node("""{ "endpoint_url": "https://a.example/", "payload_template": { "a": "{{workflow_id}}" } }""");

        Assert.Null(node.PayloadTemplate!.Parent);
        Assert.IsType<JsonObject>(node.PayloadTemplate);
    }
}
