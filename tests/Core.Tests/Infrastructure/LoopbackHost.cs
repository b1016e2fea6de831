using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Core.Embedding;
using Webhooks.Modular.Host;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>The real host composition on real Kestrel, bound to a free loopback port, in the test process.</summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public Uri Address => Client.BaseAddress!;

    /// <summary>Starts the host; <paramref name="arguments"/> are added to its command line (such as <c>--Kestrel:Limits:...=...</c>).</summary>
    public static async Task<LoopbackHost> StartAsync(string configPath, Action<WebhooksBuilder>? configure = null, IEnumerable<string>? arguments = null)
    {
        var app = HostApplication.Build(["--config", configPath, "--urls", "http://127.0.0.1:0", .. arguments ?? []], webhooks =>
        {
            webhooks.PluginRoot = RepoPaths.PluginRoot;
            configure?.Invoke(webhooks);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHost(app, new Uri(address));
    }

    /// <summary>Polls <c>GET /runs/{id}</c> until the run has finished.</summary>
    public Task<JsonElement> WaitForRunAsync(string runId, TimeSpan? timeout = null) => RunPolling.WaitForRunAsync(Client, runId, timeout);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
