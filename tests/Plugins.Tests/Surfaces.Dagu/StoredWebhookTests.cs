using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Dagu.Webhooks;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

public sealed class StoredWebhookTests
{
    private static readonly DateTimeOffset Created = new(2026, 4, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_stored_webhook_reads_back_with_its_record_state()
    {
        var record = new HookRecord("dagu-webhook.my-dag", StoredWebhook.Definition("id-1", "my-dag", "user-id"), false, Created, Created.AddMinutes(5));

        var webhook = StoredWebhook.From(record);

        Assert.Equal(new StoredWebhook("id-1", "my-dag", "user-id", false, Created, Created.AddMinutes(5)), webhook);
    }

    [Theory]
    [InlineData("dagu.my-dag", """{"name":"dagu.my-dag","methods":["POST"]}""")]
    [InlineData("dagu-webhook.my-dag", """{"name":"dagu.my-dag","methods":["POST"]}""")]
    [InlineData("dagu-webhook.my-dag", "not json")]
    [InlineData("dagu-webhook.other", """{"webhook":{"id":"1","dagName":"my-dag"}}""")]
    public void Other_records_are_not_webhooks(string name, string definition) =>
        Assert.Null(StoredWebhook.From(new HookRecord(name, definition, true, Created, Created)));

    [Fact]
    public void The_hook_is_a_dagu_surface_hook_with_the_dag_scope_and_action()
    {
        var hook = StoredWebhook.HookDefinition("my-dag", enabled: false);

        Assert.Equal("dagu.my-dag", (string?)hook["name"]);
        Assert.Equal("dagu", (string?)hook["surface"]);
        Assert.Equal(1048576, (long?)hook["maxBodyBytes"]);
        Assert.False((bool?)hook["enabled"]);
        Assert.Equal("bearer", (string?)hook["auth"]!["scheme"]);
        Assert.Equal("dag:my-dag", (string?)hook["auth"]!["settings"]!["scope"]);
        Assert.Equal("dagu-dag", (string?)hook["action"]!["type"]);
        Assert.Equal("my-dag", (string?)hook["action"]!["settings"]!["dag"]);
        Assert.NotNull(JsonNode.Parse(StoredWebhook.Definition("1", "my-dag", null))!["hook"]);
    }
}
