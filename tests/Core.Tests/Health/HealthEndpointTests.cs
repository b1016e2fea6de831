using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Health;

/// <summary>
/// Liveness and readiness on the real host (Kestrel on loopback, SQLite in a temp folder): both answer without
/// credentials, readiness lists every check, the paths come from configuration, and a deployment can switch them off.
/// </summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Healthz_answers_200_without_credentials()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]));

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_answers_200_and_lists_the_store_the_key_ring_and_the_workers()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]));

        // The workers are started by the host; readiness follows them, so wait rather than assume.
        var (status, text) = await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "Storage.Sqlite", "data-protection", "workers" })
        {
            Assert.True(checks.TryGetProperty(name, out var check), $"no check '{name}' in {text}");
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
        }

        Assert.Contains("run worker running", checks.GetProperty("workers").GetProperty("description").GetString());
        Assert.DoesNotContain(_folder.Path, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_is_503_when_the_database_file_is_gone()
    {
        await using var host = await LoopbackHost.StartAsync(Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]));
        await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.OK);

        File.Move(Deployments.DatabasePath(_folder), _folder.File("moved.db"));
        var (status, text) = await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("Storage.Sqlite").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("workers").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_paths_come_from_configuration()
    {
        await using var host = await LoopbackHost.StartAsync(
            Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]),
            arguments: ["--Webhooks:Health:LivePath=/ops/live", "--Webhooks:Health:ReadyPath=/ops/ready"]);

        using var live = await host.Client.GetAsync("/ops/live");
        var (ready, _) = await HealthProbe.WaitForAsync(host.Client, "/ops/ready", HttpStatusCode.OK);
        using var oldLive = await host.Client.GetAsync("/healthz");
        using var oldReady = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(HttpStatusCode.NotFound, oldLive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldReady.StatusCode);
    }

    [Fact]
    public async Task A_deployment_can_switch_both_off_or_one_by_leaving_its_path_empty()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]);
        await using (var off = await LoopbackHost.StartAsync(config, arguments: ["--Webhooks:Health:Enabled=false"]))
        {
            using var live = await off.Client.GetAsync("/healthz");
            using var ready = await off.Client.GetAsync("/readyz");

            Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, ready.StatusCode);
        }

        SqliteConnection.ClearAllPools();
        await using var readyOnly = await LoopbackHost.StartAsync(config, arguments: ["--Webhooks:Health:LivePath="]);
        using var noLive = await readyOnly.Client.GetAsync("/healthz");
        var (stillReady, _) = await HealthProbe.WaitForAsync(readyOnly.Client, "/readyz", HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, noLive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillReady);
    }

    [Fact]
    public async Task A_path_without_a_leading_slash_stops_the_host_naming_the_setting()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "true")]);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => LoopbackHost.StartAsync(config, arguments: ["--Webhooks:Health:ReadyPath=ready"]));

        Assert.Contains("Webhooks:Health:ReadyPath", error.Message);
    }
}
