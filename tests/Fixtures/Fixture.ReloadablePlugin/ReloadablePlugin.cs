using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Fixture.ReloadablePlugin;

/// <summary>
/// A fixture plugin built twice (this project answers "v1", Fixture.ReloadablePlugin.V2 "v2"), to swap one build for
/// the other under a running host: an auth scheme ("fixture-word": the X-Fixture header must equal the setting
/// <c>word</c>) and an action ("fixture-version": outputs the build, after waiting for the file named by the
/// payload's <c>waitFor</c>, if any, so that a test can keep a run in flight across a swap).
/// </summary>
public sealed class ReloadablePlugin : WebhookPlugin
{
#if BUILD_V2
    public const string Build = "v2";
#else
    public const string Build = "v1";
#endif

    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton<IAuthSchemeFactory, WordScheme>();
        services.AddSingleton<IRunActionFactory, VersionAction>();
    }
}
