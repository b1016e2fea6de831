using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.InProcess;
using Webhooks.Modular.Core.Runs;

namespace Webhooks.Modular.Core.Embedding;

/// <summary>
/// Describes a deployment: from a <c>plugins.json</c> file, from code (plugins as instances, hooks as objects in
/// the file's shape, handlers as delegates), or both.
/// </summary>
public sealed class WebhooksBuilder
{
    internal DeploymentModel Deployment { get; } = new();

    internal List<InProcessHandler> Handlers { get; } = [];

    internal List<Action<RunWorkerOptions>> RunOptions { get; } = [];

    internal List<Action<Delivery.DeliveryOptions>> DeliveryOptions { get; } = [];

    /// <summary>Where plugins without a <c>path</c> are looked for: <c>{PluginRoot}/{name}</c>. Defaults to <c>plugins/</c> beside the app.</summary>
    public string PluginRoot { get; set; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Loads plugins, hooks and run settings from a <c>plugins.json</c> file.</summary>
    /// <param name="path">The file; relative paths inside it resolve against its folder.</param>
    public WebhooksBuilder UseConfigurationFile(string path)
    {
        var loaded = DeploymentFile.Load(path, PluginRoot);
        Deployment.File = loaded.File;
        Deployment.BaseDirectory = loaded.BaseDirectory;
        Deployment.Runs = loaded.Runs;
        Deployment.Delivery = loaded.Delivery;
        Deployment.AuthFailures = loaded.AuthFailures;
        Deployment.Retention = loaded.Retention;
        Deployment.Plugins.AddRange(loaded.Plugins);
        Deployment.Hooks.AddRange(loaded.Hooks);
        return this;
    }

    /// <summary>Registers a plugin in-process, without a folder.</summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="name">Its name (defaults to the type's name).</param>
    /// <param name="settings">Its settings, as an object serialised to the same shape as in <c>plugins.json</c>.</param>
    public WebhooksBuilder AddPlugin(IWebhookPlugin plugin, string? name = null, object? settings = null)
    {
        var index = Deployment.Plugins.Count;
        Deployment.Plugins.Add(new PluginEntry(name ?? plugin.GetType().Name, null, plugin, ToConfiguration(settings), $"plugins:{index}"));
        return this;
    }

    /// <summary>Adds a hook, given as an object of the same shape as an entry of <c>hooks</c> in <c>plugins.json</c>.</summary>
    /// <param name="definition">The hook (an anonymous object, a record, or a JSON string).</param>
    public WebhooksBuilder AddHook(object definition)
    {
        Deployment.Hooks.Add(($"hooks:{Deployment.Hooks.Count}", ToConfiguration(definition)));
        return this;
    }

    /// <summary>Registers an in-process handler; a hook runs it with <c>"action": { "type": "in-process", "settings": { "handler": name } }</c>.</summary>
    /// <param name="name">The handler's name.</param>
    /// <param name="handler">What each run does.</param>
    public WebhooksBuilder AddHandler(string name, Func<RunContext, CancellationToken, Task<RunResult>> handler) =>
        AddHandler(name, (_, run, cancellationToken) => handler(run, cancellationToken));

    /// <summary>
    /// Registers an in-process handler that uses the app's services: the provider it is given belongs to a DI scope
    /// made for that run, so scoped services (a <c>DbContext</c>) are the run's own and are disposed after it.
    /// </summary>
    /// <param name="name">The handler's name.</param>
    /// <param name="handler">What each run does.</param>
    public WebhooksBuilder AddHandler(string name, Func<IServiceProvider, RunContext, CancellationToken, Task<RunResult>> handler)
    {
        Handlers.Add(new InProcessHandler(name, handler));
        return this;
    }

    /// <summary>Adjusts the run worker (concurrency, lease, polling).</summary>
    /// <param name="configure">Changes to apply after the file's <c>runs</c> section.</param>
    public WebhooksBuilder ConfigureRuns(Action<RunWorkerOptions> configure)
    {
        RunOptions.Add(configure);
        return this;
    }

    /// <summary>Changes the delivery worker's settings after <c>plugins.json</c> was read.</summary>
    /// <param name="configure">The change.</param>
    public WebhooksBuilder ConfigureDelivery(Action<Delivery.DeliveryOptions> configure)
    {
        DeliveryOptions.Add(configure);
        return this;
    }

    private static IConfiguration ToConfiguration(object? value)
    {
        var json = value switch
        {
            null => "{}",
            string text => text,
            _ => JsonSerializer.Serialize(value, value.GetType()),
        };
        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
    }
}
