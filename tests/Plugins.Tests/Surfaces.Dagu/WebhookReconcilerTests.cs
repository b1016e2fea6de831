using System.Globalization;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Surfaces.Dagu.Dags;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

/// <summary>
/// Two hosts sharing one database file and hash key (a scale-out deployment): what one does to a DAG's webhook, the
/// other follows. The loop runs where the test is about timing; elsewhere each pass is run by hand.
/// </summary>
public sealed class WebhookReconcilerTests : IAsyncLifetime
{
    private static readonly string Hook = DagNames.HookName(DaguHost.Dag);

    private readonly string _folder = DaguHost.NewDeployment();
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-22T12:00:00Z", CultureInfo.InvariantCulture));
    private readonly List<DaguHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_webhook_created_on_one_host_is_served_by_the_other_within_seconds()
    {
        var a = await StartAsync();
        var b = await StartAsync();

        var created = await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);

        Assert.NotNull(created);
        var took = await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) == true), "host B serves the webhook");
        Assert.True(took < TimeSpan.FromSeconds(3), $"took {took}");
        Assert.True((await b.AuthenticateAsync(created.Token))!.Succeeded);
        Assert.Equal(created.Webhook.Id, (await b.Webhooks.GetAsync(DaguHost.Dag, CancellationToken.None))!.Id);
        Assert.Contains("Dagu: webhook of DAG my-dag created in the hook store (by another host); served accordingly", b.Logs.Text);
    }

    [Fact]
    public async Task A_webhook_disabled_on_one_host_is_disabled_on_the_other_and_enabled_again_without_being_rebuilt()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) == true), "host B serves the webhook");

        await a.Webhooks.SetEnabledAsync(DaguHost.Dag, false, DaguHost.Admin, CancellationToken.None);

        // A disabled hook is what the engine answers 403 for.
        await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) == false), "host B disables the webhook");

        await a.Webhooks.SetEnabledAsync(DaguHost.Dag, true, DaguHost.Admin, CancellationToken.None);

        await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) == true), "host B enables the webhook again");
        Assert.Single(b.Catalog.Registrations, Hook);
        Assert.Single(a.Catalog.Registrations, Hook);
        Assert.Contains("Dagu: webhook of DAG my-dag disabled in the hook store (by another host); served accordingly", b.Logs.Text);
    }

    [Fact]
    public async Task A_webhook_deleted_on_one_host_is_no_longer_served_by_the_other()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var created = await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) == true), "host B serves the webhook");

        Assert.True(await a.Webhooks.DeleteAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None));

        // No hook is what the trigger answers 404 for.
        await DaguHost.EventuallyAsync(() => Task.FromResult(b.Catalog.IsEnabled(Hook) is null), "host B drops the webhook");
        Assert.Null(await b.AuthenticateAsync(created!.Token));
        Assert.Null(await b.Webhooks.GetAsync(DaguHost.Dag, CancellationToken.None));
        Assert.Contains("Dagu: webhook of DAG my-dag deleted in the hook store (by another host); served accordingly", b.Logs.Text);
    }

    [Fact]
    public async Task A_token_regenerated_or_revoked_on_one_host_stops_working_on_the_other_before_its_next_pass()
    {
        var a = await StartAsync(reconcile: false);
        var b = await StartAsync(reconcile: false);
        var created = await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await b.Webhooks.ReconcileAsync(CancellationToken.None);

        var regenerated = await a.Webhooks.RegenerateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);

        var old = await b.AuthenticateAsync(created!.Token);
        Assert.False(old!.Succeeded);
        Assert.Equal("unknown token", old.FailureReason);
        Assert.True((await b.AuthenticateAsync(regenerated!.Token))!.Succeeded);

        // Nothing of the hook changed: the next pass does not build it again.
        await b.Webhooks.ReconcileAsync(CancellationToken.None);
        Assert.Single(b.Catalog.Registrations, Hook);
        Assert.True((await b.AuthenticateAsync(regenerated.Token))!.Succeeded);

        // Deleting revokes the tokens in the database: refused on B even while B still serves the hook.
        await a.Webhooks.DeleteAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        Assert.False((await b.AuthenticateAsync(regenerated.Token))!.Succeeded);
    }

    [Fact]
    public async Task A_webhook_deleted_and_created_again_between_two_passes_is_built_again_and_only_its_new_token_works()
    {
        var a = await StartAsync(reconcile: false);
        var b = await StartAsync(reconcile: false);
        var first = await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await b.Webhooks.ReconcileAsync(CancellationToken.None);
        await b.Webhooks.SetEnabledAsync(DaguHost.Dag, false, DaguHost.Admin, CancellationToken.None);

        await a.Webhooks.DeleteAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        var second = await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await b.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.Equal([Hook, Hook], b.Catalog.Registrations);
        Assert.True(b.Catalog.IsEnabled(Hook)); // a new webhook starts enabled
        Assert.False((await b.AuthenticateAsync(first!.Token))!.Succeeded);
        Assert.True((await b.AuthenticateAsync(second!.Token))!.Succeeded);
        Assert.Contains("Dagu: webhook of DAG my-dag created again or rewritten in the hook store (by another host); served accordingly", b.Logs.Text);
    }

    [Fact]
    public async Task Passes_leave_the_hosts_own_changes_and_hooks_that_are_not_webhooks_alone()
    {
        var a = await StartAsync(reconcile: false);
        a.Catalog.Register("""{"name":"orders"}""");
        a.Catalog.Register("""{"name":"dagu.configured"}""");
        await a.Store.UpsertHookAsync("orders", """{"name":"orders"}""", CancellationToken.None);

        await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.ReconcileAsync(CancellationToken.None);
        await a.Webhooks.SetEnabledAsync(DaguHost.Dag, false, DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.ReconcileAsync(CancellationToken.None);
        await a.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.Equal(["orders", "dagu.configured", Hook], a.Catalog.Registrations);
        Assert.False(a.Catalog.IsEnabled(Hook));
        Assert.True(a.Catalog.IsEnabled("orders"));
        Assert.True(a.Catalog.IsEnabled("dagu.configured"));
        Assert.DoesNotContain("by another host", a.Logs.Text);

        await a.Webhooks.DeleteAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.Null(a.Catalog.IsEnabled(Hook));
        Assert.True(a.Catalog.IsEnabled("dagu.configured"));
        Assert.DoesNotContain("by another host", a.Logs.Text);
    }

    [Fact]
    public async Task At_start_the_stored_webhooks_are_served_with_their_enabled_flags()
    {
        var a = await StartAsync(reconcile: false);
        File.WriteAllText(Path.Combine(_folder, "dags", "other.yaml"), "steps:\n  - command: echo other\n");
        await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.CreateAsync("other", DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.SetEnabledAsync("other", false, DaguHost.Admin, CancellationToken.None);

        var b = await StartAsync();

        // Served as soon as the start-up work is done, before the first tick.
        Assert.True(b.Catalog.IsEnabled(Hook));
        Assert.False(b.Catalog.IsEnabled(DagNames.HookName("other")));
        Assert.Contains("Dagu: restored 2 DAG webhook(s) from the hook store", b.Logs.Text);
        Assert.DoesNotContain("by another host", b.Logs.Text);
    }

    [Fact]
    public async Task A_webhook_whose_hook_cannot_be_built_is_reported_once_and_served_when_created_again()
    {
        var a = await StartAsync(reconcile: false);
        var b = await StartAsync(reconcile: false);
        b.Catalog.Refuse = _ => "unknown auth scheme 'bearer'";
        await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);

        await b.Webhooks.ReconcileAsync(CancellationToken.None);
        await b.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.Null(b.Catalog.IsEnabled(Hook));
        Assert.Single(b.Catalog.Registrations);
        Assert.Single(b.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Dagu: the webhook of DAG my-dag could not be restored", StringComparison.Ordinal));

        b.Catalog.Refuse = _ => null;
        await a.Webhooks.DeleteAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await a.Webhooks.CreateAsync(DaguHost.Dag, DaguHost.Admin, CancellationToken.None);
        await b.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.True(b.Catalog.IsEnabled(Hook));
    }

    [Fact]
    public async Task A_record_that_is_not_a_webhook_is_reported_once_and_ignored()
    {
        var a = await StartAsync(reconcile: false);
        await a.Store.UpsertHookAsync("dagu-webhook.broken", "not json", CancellationToken.None);

        await a.Webhooks.ReconcileAsync(CancellationToken.None);
        await a.Webhooks.ReconcileAsync(CancellationToken.None);

        Assert.Empty(a.Catalog.Registrations);
        Assert.Single(a.Logs.Entries, e => e.Message == "Dagu: hook-store record dagu-webhook.broken is not a DAG webhook; ignored");
    }

    private async Task<DaguHost> StartAsync(bool reconcile = true)
    {
        var host = await DaguHost.StartAsync(_folder, _clock, reconcile);
        _hosts.Add(host);
        return host;
    }
}
