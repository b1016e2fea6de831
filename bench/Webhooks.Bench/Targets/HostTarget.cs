using Microsoft.AspNetCore.Builder;
using Webhooks.Modular.Bench.Storage;
using Webhooks.Modular.Host;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>The real host, composed by <see cref="HostApplication.Build"/> from a copy of <c>plugins.json</c>, on a free loopback port.</summary>
internal sealed class HostTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private HostTarget(WebApplication app, Uri address, DeploymentCopy deployment)
    {
        _app = app;
        Address = address;
        Deployment = deployment;
        Writer = WriterCounters.TryFind(app.Services);
    }

    /// <summary>Where the host listens.</summary>
    public Uri Address { get; }

    /// <summary>The deployment file and database the host uses.</summary>
    public DeploymentCopy Deployment { get; }

    /// <summary>The SQLite writer's commit counters, when they could be reached.</summary>
    public WriterCounters? Writer { get; }

    /// <summary>The host's services, for what a scenario sets up in-process (a destination).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the host.</summary>
    /// <param name="deployment">Its deployment file.</param>
    /// <param name="pluginRoot">Where the built-in plugins were copied.</param>
    /// <param name="runWorkers">Whether the host executes runs or only accepts them.</param>
    public static async Task<HostTarget> StartAsync(DeploymentCopy deployment, string pluginRoot, bool runWorkers)
    {
        string[] args = ["--config", deployment.ConfigPath, "--urls", LoopbackAddress.Urls, .. QuietLogging.Arguments];
        var app = HostApplication.Build(args, webhooks =>
        {
            webhooks.PluginRoot = pluginRoot;
            if (!runWorkers)
            {
                webhooks.ConfigureRuns(runs => runs.Enabled = false);
            }
        });
        await app.StartAsync();
        return new HostTarget(app, LoopbackAddress.Of(app), deployment);
    }

    /// <summary>Stops the host and closes its database, so the file can be read alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
