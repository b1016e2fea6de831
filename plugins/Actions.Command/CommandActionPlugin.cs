using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Actions.Command;

/// <summary>Provides the <c>command</c> action: runs <c>/bin/sh -c &lt;command&gt;</c> for each run attempt.</summary>
public sealed class CommandActionPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IRunActionFactory, CommandActionFactory>();
}
