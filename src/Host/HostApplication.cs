using Autofac.Extensions.DependencyInjection;
using Webhooks.Modular.Core.Embedding;
using Webhooks.Modular.Host.ApiDocument;

namespace Webhooks.Modular.Host;

/// <summary>The host's composition, in one place: Autofac as the container, the engine from <c>plugins.json</c>.</summary>
public static class HostApplication
{
    /// <summary>The default address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> gives one.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>Builds the host. Throws <see cref="Abstractions.Plugins.PluginConfigurationException"/> for a broken deployment.</summary>
    /// <param name="args">Command-line arguments: <c>--config &lt;path&gt;</c> plus anything ASP.NET Core takes.</param>
    /// <param name="configure">Extra composition (tests, embedding experiments).</param>
    public static WebApplication Build(string[] args, Action<WebhooksBuilder>? configure = null)
    {
        var arguments = HostArguments.Parse(args);
        // Content root beside the executable, so the host's appsettings.json (log levels that keep URL keys out of
        // request logs) applies whatever folder the host is started from; plugins.json paths resolve on their own.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments.Rest, ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelLimits.Apply(context.Configuration, kestrel.Limits));
        builder.Services.AddWebhooks(webhooks =>
        {
            webhooks.UseConfigurationFile(arguments.ConfigPath);
            configure?.Invoke(webhooks);
        });
        builder.AddApiDocument();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapWebhooks();
        app.MapApiDocument();
        return app;
    }
}
