using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Hooks;

/// <summary>Hooks added, toggled and removed at run time through <see cref="IHookCatalog"/>, as API surfaces do.</summary>
public sealed class HookCatalogTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    private IHookCatalog Catalog => _host.Services.GetRequiredService<IHookCatalog>();

    public async Task InitializeAsync() => _host = await LoopbackHost.StartAsync(Deployments.Write(_folder, []));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Hook_registered_at_run_time_is_served_toggled_and_removed()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("late")).StatusCode);

        Catalog.Register(Definition("late"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("late")).StatusCode);

        Assert.True(Catalog.SetEnabled("late", false));
        Assert.False(Catalog.IsEnabled("late"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("late")).StatusCode);

        Assert.True(Catalog.Remove("late"));
        Assert.Null(Catalog.IsEnabled("late"));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("late")).StatusCode);
    }

    [Fact]
    public async Task Hook_of_a_surface_is_not_served_by_the_generic_route()
    {
        Catalog.Register(Definition("dagu.my-dag", surface: "dagu"));

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("dagu.my-dag")).StatusCode);
        Assert.True(Catalog.IsEnabled("dagu.my-dag"));
    }

    [Fact]
    public async Task Event_trigger_registered_at_run_time_starts_runs_until_it_is_removed()
    {
        Catalog.Register(Definition("source"));
        Catalog.Register("""{"name":"follower","subject":"event.webhook.source","action":{"type":"command","settings":{"command":"true"}}}""");

        var withTrigger = await RunIdsAsync(await PostAsync("source"));
        Assert.True(Catalog.Remove("follower"));
        var withoutTrigger = await RunIdsAsync(await PostAsync("source"));

        Assert.Equal(2, withTrigger);
        Assert.Equal(1, withoutTrigger);
    }

    [Fact]
    public void Bad_run_time_definition_names_the_key()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Catalog.Register("""{"name":"x","auth":{"scheme":"nope"}}"""));

        Assert.Equal("hook:auth:scheme", error.Key);
    }

    private Task<HttpResponseMessage> PostAsync(string hook)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        return _host.Client.SendAsync(request);
    }

    private static async Task<int> RunIdsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runIds").GetArrayLength();

    private static string Definition(string name, string? surface = null) => JsonSerializer.Serialize(new
    {
        name,
        surface,
        auth = new { scheme = "api-key", settings = new { keys = new[] { Deployments.ApiKey } } },
        action = new { type = "command", settings = new { command = "true" } },
    });
}
