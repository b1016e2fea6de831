using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Samples.EmbeddedApp;

namespace Webhooks.Modular.Core.Tests.Embedding;

/// <summary>The embedding sample boots on real Kestrel and its own code handles accepted webhooks.</summary>
public sealed class EmbeddedAppTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = EmbeddedApplication.Build(
            ["--urls", "http://127.0.0.1:0", $"--Webhooks:DataDirectory={_folder.Path}", "--Webhooks:OrdersKey=sample-key"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Accepted_webhook_reaches_the_apps_own_handler()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders")
        {
            Content = new StringContent("""{"id":"o-7","amount":12.5}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", "sample-key");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var run = await RunPolling.WaitForRunAsync(_client, accepted.GetProperty("runId").GetString()!);
        Assert.Equal("recorded order o-7", run.GetProperty("output").GetString());
        var orders = await _client.GetFromJsonAsync<JsonElement>("/orders");
        var order = Assert.Single(orders.EnumerateArray());
        Assert.Equal("o-7", order.GetProperty("id").GetString());
        Assert.Equal(accepted.GetProperty("requestId").GetString(), order.GetProperty("requestId").GetString());
        Assert.True(File.Exists(Path.Combine(_folder.Path, "webhooks.db")));
    }

    [Fact]
    public async Task The_apps_own_routes_keep_working_and_wrong_keys_are_refused()
    {
        Assert.Contains("existing app", await _client.GetStringAsync("/"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent("{}") };
        request.Headers.Add("X-API-Key", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(request)).StatusCode);
    }
}
