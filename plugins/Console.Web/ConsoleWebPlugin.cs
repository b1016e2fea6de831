using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Console.Web.Access;
using Webhooks.Modular.Console.Web.Endpoints;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web;

/// <summary>
/// The operator's web console under <c>/console</c>: overview (accepts, failures, backlog, each hook's and destination's
/// health), events found by event id or request id with their raw body, runs and deliveries, a delivery's attempts and
/// its replay, destinations enabled and disabled. Razor components rendered on the server, no script; signed in
/// through <c>Auth.Builtin</c> (viewers read, operators and up change). No settings; see the README.
/// </summary>
public sealed class ConsoleWebPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override IReadOnlyList<string> DependsOn => ["Auth.Builtin"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ConsoleCookies.Antiforgery;
            options.Cookie.Path = ConsoleCookies.Base;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = ConsoleCookies.AntiforgeryField;
        });
        services.AddSingleton<SignInEndpoints>();
        services.AddSingleton<OverviewEndpoints>();
        services.AddSingleton<EventEndpoints>();
        services.AddSingleton<DeliveryEndpoints>();
        services.AddSingleton<DestinationEndpoints>();
    }

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var console = endpoints.MapGroup(ConsoleCookies.Base).ExcludeFromDescription();
        services.GetRequiredService<SignInEndpoints>().Map(console);
        services.GetRequiredService<OverviewEndpoints>().Map(console);
        services.GetRequiredService<EventEndpoints>().Map(console);
        services.GetRequiredService<DeliveryEndpoints>().Map(console);
        services.GetRequiredService<DestinationEndpoints>().Map(console);
        console.MapGet("/console.css", (Delegate)Stylesheet.Serve);
    }
}
