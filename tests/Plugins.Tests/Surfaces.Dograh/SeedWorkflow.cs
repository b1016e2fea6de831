namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>The webhook node of Dograh's documentation, in a workflow definition as Dograh exports one.</summary>
internal static class SeedWorkflow
{
    public const string WebhookNode = """
        {
          "id": "webhook-1",
          "type": "webhook",
          "position": { "x": 600, "y": 0 },
          "data": {
            "name": "Notify CRM",
            "enabled": true,
            "http_method": "POST",
            "endpoint_url": "https://your-service.com/webhook/dograh",
            "payload_template": {
              "run_id": "{{workflow_run_id}}",
              "customer": "{{initial_context.customer_name}}",
              "outcome": "{{gathered_context.resolution}}"
            }
          }
        }
        """;

    public const string Definition = $$"""
        {
          "nodes": [
            { "id": "start", "type": "startCall", "position": { "x": 0, "y": 0 }, "data": { "prompt": "Greet the caller" } },
            { "id": "agent", "type": "agentNode", "position": { "x": 300, "y": 0 }, "data": { "prompt": "Resolve the issue" } },
            {{WebhookNode}}
          ],
          "edges": [ { "id": "e1", "source": "start", "target": "agent" } ]
        }
        """;

    /// <summary>A definition with one webhook node whose <c>data</c> is <paramref name="data"/>.</summary>
    public static string WithData(string data, string id = "\"webhook-1\"") =>
        $$"""{ "nodes": [ { "id": {{id}}, "type": "webhook", "data": {{data}} } ], "edges": [] }""";
}
