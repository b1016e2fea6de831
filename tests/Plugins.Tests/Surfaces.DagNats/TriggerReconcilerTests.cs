using Microsoft.Extensions.Logging;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

/// <summary>How the server keeps its triggers in step with what the command line writes to the hook store.</summary>
public sealed class TriggerReconcilerTests
{
    [Fact]
    public async Task At_start_the_stored_triggers_are_registered_and_served()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "github-events", "--workflow", "ci-pipeline", "--webhook");
        await fixture.TriggerAsync("create", "on-pr-opened", "--workflow", "pr-review", "--subject", "event.webhook.github-events");
        fixture.Catalog.Registrations.Clear();

        await fixture.Reconciler.StartAsync(CancellationToken.None);
        await fixture.Reconciler.StopAsync(CancellationToken.None);

        Assert.Equal(["dagnats.github-events", "dagnats.on-pr-opened"], fixture.Catalog.Hooks.Keys.Order());
        Assert.True(fixture.Served.Find("github-events")!.IsWebhook);
        Assert.Equal("event.webhook.github-events", fixture.Served.Find("on-pr-opened")!.Subject);
        Assert.Null(fixture.Served.Find("other"));
        Assert.Contains("DagNats: serving webhook trigger github-events (POST /v1/webhooks/github-events -> workflow ci-pipeline)", fixture.Logs.Text);
    }

    [Fact]
    public async Task A_trigger_created_later_is_served_on_the_next_pass_and_an_unchanged_one_is_not_built_again()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook");
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);
        fixture.Catalog.Registrations.Clear();

        await fixture.TriggerAsync("create", "b", "--workflow", "ci-pipeline", "--webhook");
        fixture.Catalog.Registrations.Clear(); // the command's own check
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Single(fixture.Catalog.Registrations);
        Assert.Contains("dagnats.b", fixture.Catalog.Registrations[0]);
        Assert.NotNull(fixture.Served.Find("b"));
    }

    [Fact]
    public async Task A_deleted_trigger_stops_being_served()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook");
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        await fixture.TriggerAsync("delete", "a");
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Empty(fixture.Catalog.Hooks);
        Assert.Null(fixture.Served.Find("a"));
        Assert.Contains("DagNats: trigger a deleted; no longer served", fixture.Logs.Text);
    }

    [Fact]
    public async Task A_trigger_deleted_and_created_again_between_two_passes_is_built_again()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook", "--secret", "old");
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        // Same name, same definition (the secret file's path), another secret: the record's creation time tells them apart.
        await fixture.TriggerAsync("delete", "a");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        fixture.Catalog.Registrations.Clear();
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook", "--secret", "new");
        fixture.Catalog.Registrations.Clear();
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Single(fixture.Catalog.Registrations);
    }

    [Fact]
    public async Task A_trigger_that_cannot_be_built_is_reported_once_and_not_served_until_it_changes()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook");
        fixture.Catalog.Refuse = _ => ("hook:auth:settings:secrets", "must list at least one secret, or the environment variable 'DAGNATS_WEBHOOK_SECRET' (secretEnv) must be set");

        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Null(fixture.Served.Find("a"));
        Assert.Empty(fixture.Catalog.Hooks);
        Assert.Single(fixture.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("DagNats: trigger a is not served until its problem is fixed: ", StringComparison.Ordinal));

        fixture.Catalog.Refuse = _ => null;
        await fixture.TriggerAsync("delete", "a");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook", "--secret", "s");
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.NotNull(fixture.Served.Find("a"));
    }

    [Fact]
    public async Task Records_that_are_not_triggers_are_left_alone_and_a_disabled_record_disables_the_hook()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.Store.UpsertHookAsync("dagnats.configured", """{"name":"dagnats.configured","action":{"type":"steps","maxAttempts":3}}""", CancellationToken.None);
        await fixture.Store.UpsertHookAsync("dagu.my-dag", """{"name":"dagu.my-dag"}""", CancellationToken.None);
        await fixture.Store.UpsertHookAsync("plain", """{"name":"plain"}""", CancellationToken.None);
        await fixture.TriggerAsync("create", "a", "--workflow", "ci-pipeline", "--webhook");
        fixture.Catalog.Registrations.Clear();
        await fixture.Store.SetHookEnabledAsync("dagnats.a", false, CancellationToken.None);

        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(["dagnats.a"], fixture.Catalog.Hooks.Keys);
        Assert.False(fixture.Catalog.IsEnabled("dagnats.a"));
        Assert.Single(fixture.Logs.Entries, entry => entry.Message == "DagNats: hook-store record dagnats.configured is not a trigger; ignored");

        await fixture.Store.SetHookEnabledAsync("dagnats.a", true, CancellationToken.None);
        await fixture.Reconciler.ReconcileAsync(CancellationToken.None);

        Assert.True(fixture.Catalog.IsEnabled("dagnats.a"));
    }
}
