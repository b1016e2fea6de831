using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Company.WebhooksPlugin;

/// <summary>
/// The plugin's entry point. The host finds this class (the one public <see cref="IWebhookPlugin"/> of the assembly)
/// in the folder <c>plugins.json</c> names and calls <see cref="ConfigureServices"/> once at start-up.
/// </summary>
public sealed class Plugin : WebhookPlugin
{
    /// <summary>The auth scheme hooks name in <c>auth.scheme</c>.</summary>
    public const string Scheme = "company.webhooksplugin";

    /// <summary>The action type hooks name in <c>action.type</c>.</summary>
    public const string ActionType = "company.webhooksplugin.echo";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        // Plugin-level settings (the plugin's "settings" in plugins.json) hold for every hook; per-hook settings
        // reach the factories' Create instead.
        var prefix = context.Settings["prefix"] ?? "received";
        if (prefix.Length > 100)
        {
            throw context.Error("prefix", "must be at most 100 characters");
        }

        services.AddSingleton(new EchoOptions(prefix));
        services.AddSingleton<IAuthSchemeFactory, TokenSchemeFactory>();
        services.AddSingleton<IRunActionFactory, EchoActionFactory>();
    }
}
