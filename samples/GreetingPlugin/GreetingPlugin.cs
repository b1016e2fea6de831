using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Samples.Greeting;

/// <summary>The plugin's entry point: the one public class implementing <see cref="IWebhookPlugin"/> in its assembly.</summary>
public sealed class GreetingPlugin : WebhookPlugin
{
    /// <summary>Plugins that must be configured before this one, by their plugins.json names (none here).</summary>
    public override IReadOnlyList<string> DependsOn => [];

    /// <summary>Called once at start-up, before any plugin's <see cref="MapEndpoints"/>.</summary>
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        // Plugin-level settings: this plugin's "settings" in plugins.json, the same for every hook.
        var salutation = context.Settings["salutation"] ?? throw context.Error("salutation", "is required");
        services.AddSingleton(new GreetingOptions(salutation));

        // The factories are built by the host's container, so their constructors can take its services.
        services.AddSingleton<IAuthSchemeFactory, GreetingSchemeFactory>(); // auth.scheme "greeting"
        services.AddSingleton<IRunActionFactory, GreetActionFactory>();     // action.type "greet"
    }

    /// <summary>Routes of the plugin's own, mapped after every plugin's services are registered.</summary>
    public override void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context) =>
        endpoints.MapGet("/greeting-plugin", (GreetingOptions options) => Results.Text($"{options.Salutation} from {context.Name}"));
}
