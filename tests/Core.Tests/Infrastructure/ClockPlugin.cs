using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>An in-process plugin that gives the host the test's clock (plugins register before the engine's defaults).</summary>
public sealed class ClockPlugin(TimeProvider clock) : WebhookPlugin
{
    public override void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton(clock);
}
