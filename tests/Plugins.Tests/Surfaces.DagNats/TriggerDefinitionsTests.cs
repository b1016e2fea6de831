using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

/// <summary>The hook a trigger becomes, and the record it is kept in.</summary>
public sealed class TriggerDefinitionsTests
{
    private static readonly Trigger Webhook = new("stripe-payment", TriggerKind.Webhook, "payment-processor", null, null, HasOwnSecret: false);
    private static readonly Trigger Event = new("on-push", TriggerKind.Event, "ci-pipeline", "event.webhook.*", null, HasOwnSecret: false);

    [Fact]
    public void A_webhook_without_its_own_secret_takes_the_dagnats_preset_alone()
    {
        var hook = TriggerDefinitions.Hook(Webhook, "workflows/payment-processor.yaml", secretFile: null);

        Assert.Equal(
            """{"name":"dagnats.stripe-payment","surface":"dagnats","contentTypes":["application/json"],"maxBodyBytes":1048576,"auth":{"scheme":"hmac","settings":{"preset":"dagnats"}},"action":{"type":"steps","settings":{"file":"workflows/payment-processor.yaml"}}}""",
            hook.ToJsonString());
    }

    [Fact]
    public void An_event_trigger_without_a_filter_has_no_conditions_no_surface_and_no_auth()
    {
        var hook = TriggerDefinitions.Hook(Event, "/abs/ci-pipeline.yml", secretFile: null);

        Assert.Equal(
            """{"name":"dagnats.on-push","subject":"event.webhook.*","action":{"type":"steps","settings":{"file":"/abs/ci-pipeline.yml"}}}""",
            hook.ToJsonString());
    }

    [Fact]
    public void The_definition_checked_on_the_command_line_has_a_placeholder_instead_of_the_secret_reference()
    {
        var hook = TriggerDefinitions.Hook(Webhook with { HasOwnSecret = true }, "workflows/payment-processor.yaml", "data/dagnats-secrets/stripe-payment.secret");

        var forChecking = TriggerDefinitions.ForChecking(hook);

        Assert.Equal("""["file:data/dagnats-secrets/stripe-payment.secret"]""", hook["auth"]!["settings"]!["secrets"]!.ToJsonString());
        Assert.Equal("""["(the server resolves the secret)"]""", forChecking["auth"]!["settings"]!["secrets"]!.ToJsonString());
        Assert.Equal(
            TriggerDefinitions.ForChecking(TriggerDefinitions.Hook(Webhook, "workflows/payment-processor.yaml", null)).ToJsonString(),
            forChecking.ToJsonString());
        Assert.Equal(
            TriggerDefinitions.Hook(Event, "x.yaml", null).ToJsonString(),
            TriggerDefinitions.ForChecking(TriggerDefinitions.Hook(Event, "x.yaml", null)).ToJsonString());
    }

    [Fact]
    public void A_stored_trigger_reads_back_from_its_hook_definition()
    {
        var filtered = Event with { Filter = new TriggerFilter("action", "opened") };
        var webhook = Webhook with { HasOwnSecret = true };
        var created = DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var storedEvent = StoredTrigger.From(Record("dagnats.on-push", TriggerDefinitions.Hook(filtered, "workflows/ci-pipeline.yaml", null).ToJsonString()) with { CreatedAt = created });
        var storedWebhook = StoredTrigger.From(Record("dagnats.stripe-payment", TriggerDefinitions.Hook(webhook, "/abs/payment-processor.yml", "s/stripe-payment.secret").ToJsonString()));
        var plainWebhook = StoredTrigger.From(Record("dagnats.stripe-payment", TriggerDefinitions.Hook(Webhook, "w/payment-processor.yaml", null).ToJsonString()));

        Assert.Equal(filtered, storedEvent?.Trigger);
        Assert.Equal("event.webhook.* where action = opened", storedEvent!.Trigger.Source);
        Assert.StartsWith($"{created.ToUnixTimeMilliseconds()}:{{\"name\":\"dagnats.on-push\"", storedEvent.Version);
        Assert.Equal(webhook, storedWebhook?.Trigger);
        Assert.Equal(Webhook, plainWebhook?.Trigger);
        Assert.Equal("POST /v1/webhooks/stripe-payment", Webhook.Source);
    }

    [Theory]
    [InlineData("dagnats-trigger.on-push", """{"name":"dagnats-trigger.on-push","subject":"a","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.other","subject":"a","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.on-push","subject":"a","action":{"type":"command","settings":{"command":"true"}}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.on-push","subject":"a","action":{"type":"steps","maxAttempts":3}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.on-push","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.on-push","surface":"dagu","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on-push", """{"name":"dagnats.on-push","subject":"a","surface":"dagnats","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on.push", """{"name":"dagnats.on.push","subject":"a","action":{"type":"steps","settings":{"file":"w.yaml"}}}""")]
    [InlineData("dagnats.on-push", "not json")]
    [InlineData("dagnats.on-push", "[]")]
    public void Other_records_are_not_triggers(string name, string definition) =>
        Assert.Null(StoredTrigger.From(Record(name, definition)));

    [Theory]
    [InlineData("github-push", true)]
    [InlineData("on_PR-2", true)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    public void Trigger_names_are_single_subject_tokens(string name, bool valid)
    {
        Assert.Equal(valid, TriggerNames.IsValid(name));
        Assert.True(TriggerNames.IsValid(new string('x', 92)));
        Assert.False(TriggerNames.IsValid(new string('x', 93)));
        Assert.Equal("github-push", TriggerNames.FromHookName("dagnats.github-push"));
        Assert.Null(TriggerNames.FromHookName("dagu.github-push"));
    }

    private static HookRecord Record(string name, string definition) =>
        new(name, definition, Enabled: true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
