using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Auth.ApiKey;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Storage.Sqlite;

namespace Webhooks.Modular.Core.Tests.Embedding;

/// <summary>
/// An embedding app in Development (the default container validates scopes there) with a scoped service and an
/// in-process handler that uses it: each run gets the scoped service of a scope of its own, disposed after the run.
/// </summary>
public sealed class InProcessScopeTests : IAsyncLifetime
{
    private const string Key = "scope-test-key-0123";

    private readonly TempFolder _folder = new();
    private readonly ConcurrentQueue<(string RunId, Guid Instance, bool DisposedDuringRun)> _seen = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddScoped<RunScopedWork>();
        builder.Services.AddWebhooks(webhooks => webhooks
            .AddPlugin(new SqliteStoragePlugin(), "Storage.Sqlite", new { path = _folder.File("webhooks.db") })
            .AddPlugin(new ApiKeyAuthPlugin(), "Auth.ApiKey")
            .AddHandler("record-scope", (services, run, _) =>
            {
                var work = services.GetRequiredService<RunScopedWork>();
                _seen.Enqueue((run.RunId, work.Instance, work.Disposed));
                return Task.FromResult(RunResult.Success(work.Instance.ToString()));
            })
            .AddHook(new
            {
                name = "scoped",
                auth = new { scheme = "api-key", settings = new { keys = new[] { Key } } },
                action = new { type = "in-process", settings = new { handler = "record-scope" } },
            }));
        _app = builder.Build();
        _app.MapWebhooks();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
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
    public async Task Each_run_resolves_its_own_scoped_instance_under_scope_validation()
    {
        var first = await RunAsync("""{"n":1}""");
        var second = await RunAsync("""{"n":2}""");

        // Resolved from the root provider, a scoped service throws under scope validation and the run fails.
        Assert.True(first.GetProperty("status").GetString() == "succeeded", first.ToString());
        Assert.True(second.GetProperty("status").GetString() == "succeeded", second.ToString());
        var instances = _seen.ToDictionary(s => s.RunId, s => s.Instance);
        Assert.Equal(2, instances.Count);
        Assert.NotEqual(instances[first.GetProperty("id").GetString()!], instances[second.GetProperty("id").GetString()!]);
        Assert.All(_seen, s => Assert.False(s.DisposedDuringRun));
        Assert.Equal(2, RunScopedWork.DisposedInstances.Count(instances.ContainsValue));
    }

    private async Task<JsonElement> RunAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/scoped") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Key);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return await RunPolling.WaitForRunAsync(_client, accepted.GetProperty("runId").GetString()!);
    }

    /// <summary>A unit of work the app registers as scoped (as a <c>DbContext</c> is).</summary>
    private sealed class RunScopedWork : IDisposable
    {
        public static ConcurrentBag<Guid> DisposedInstances { get; } = [];

        public Guid Instance { get; } = Guid.NewGuid();

        public bool Disposed { get; private set; }

        public void Dispose()
        {
            Disposed = true;
            DisposedInstances.Add(Instance);
        }
    }
}
