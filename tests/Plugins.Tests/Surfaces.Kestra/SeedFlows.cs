namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

/// <summary>The two flows of Kestra's webhook documentation, as written there.</summary>
internal static class SeedFlows
{
    public const string Key = "4wjtkzwVGBM9yKnjm3yv8r";

    public const string WebhookFlow = """
        id: webhook_flow
        namespace: company.team
        tasks:
          - id: log_hello_world
            type: io.kestra.plugin.core.log.Log
            message: Hello World! 🚀
        triggers:
          - id: webhook
            type: io.kestra.plugin.core.trigger.Webhook
            key: 4wjtkzwVGBM9yKnjm3yv8r
        """;

    public const string ConditionFlow = """
        id: condition_based_webhook_flow
        namespace: company.team
        tasks:
          - id: log_hello_world
            type: io.kestra.plugin.core.log.Log
            message: Hello World! 🚀
        triggers:
          - id: webhook
            type: io.kestra.plugin.core.trigger.Webhook
            key: 4wjtkzwVGBM9yKnjm3yv8r
            conditions:
              - type: io.kestra.plugin.core.condition.ExpressionCondition
                expression: "{{ trigger.body.hello == 'world' }}"
        """;

    /// <summary>A flow with one webhook trigger whose key is <paramref name="key"/>.</summary>
    public static string WithKey(string key) => $"""
        id: keyed
        namespace: company.team
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hi
        triggers:
          - id: hook
            type: io.kestra.plugin.core.trigger.Webhook
            key: "{key}"
        """;
}
