using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;

namespace Fixture.ThrowingPlugin;

/// <summary>
/// A fixture plugin that throws a plain exception (not a configuration error) where it is told to: in its
/// constructor when <c>FIXTURE_THROW_IN_CONSTRUCTOR</c> is set (a constructor sees no settings), in
/// <c>ConfigureServices</c> when its setting <c>throwIn</c> is <c>configureServices</c>, and always in the
/// <c>Create</c> of its action type <c>explode</c>.
/// </summary>
public sealed class ThrowingPlugin : WebhookPlugin
{
    public ThrowingPlugin()
    {
        if (Environment.GetEnvironmentVariable("FIXTURE_THROW_IN_CONSTRUCTOR") is { Length: > 0 } message)
        {
            throw new InvalidOperationException(message);
        }
    }

    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        if (context.Settings["throwIn"] == "configureServices")
        {
            throw new InvalidOperationException("the plugin could not register its services");
        }

        services.AddSingleton<IRunActionFactory, ExplodingActionFactory>();
    }
}
