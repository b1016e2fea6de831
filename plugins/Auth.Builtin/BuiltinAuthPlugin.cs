using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Builtin.Commands;
using Webhooks.Modular.Auth.Builtin.Login;
using Webhooks.Modular.Auth.Builtin.Sessions;
using Webhooks.Modular.Auth.Builtin.Users;

namespace Webhooks.Modular.Auth.Builtin;

/// <summary>
/// Users and sign-in for the management APIs: <c>POST /api/v1/auth/login</c> hands out session tokens (issued by the
/// bearer plugin's <see cref="ITokenService"/>, scope <c>session:&lt;user id&gt;</c>), an <see cref="IApiAuthenticator"/>
/// that accepts them, the first admin from <c>WEBHOOKS_ADMIN_USERNAME</c>/<c>WEBHOOKS_ADMIN_PASSWORD</c>, and the
/// <c>user</c> command. Settings: <c>sessionHours</c>, <c>sessionPrefix</c>, <c>loginPath</c>; see the README.
/// </summary>
public sealed class BuiltinAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override IReadOnlyList<string> DependsOn => ["Auth.Bearer"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = BuiltinAuthOptions.FromSettings(context);

        services.AddSingleton(options);
        services.AddSingleton(new UserPasswords());
        services.AddSingleton(sp => new UserAccounts(UsersOf(sp, context), sp.GetRequiredService<UserPasswords>(), ClockOf(sp)));
        services.AddSingleton<IApiAuthenticator>(sp => new SessionAuthenticator(sp.GetRequiredService<ITokenService>(), UsersOf(sp, context)));
        services.AddSingleton(sp => new LoginEndpoint(
            UsersOf(sp, context),
            sp.GetRequiredService<ITokenService>(),
            sp.GetRequiredService<UserPasswords>(),
            options,
            ClockOf(sp),
            LoggerOf(sp)));
        services.AddHostedService(sp => new FirstAdmin(
            UsersOf(sp, context),
            sp.GetRequiredService<UserAccounts>(),
            sp.GetRequiredService<UserPasswords>(),
            LoggerOf(sp),
            Environment.GetEnvironmentVariable));
        services.AddSingleton<IHostCommand>(sp => new UserCommand(sp));
    }

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var login = endpoints.ServiceProvider.GetRequiredService<LoginEndpoint>();
        var options = endpoints.ServiceProvider.GetRequiredService<BuiltinAuthOptions>();
        // A Delegate, not a RequestDelegate, so that the API document lists it; the handler still writes its own answer.
        endpoints.MapPost(options.LoginPath, (Delegate)login.HandleAsync).WithDisplayName("Auth.Builtin login")
            .WithName("Login")
            .WithTags("Sign-in")
            .WithSummary("Sign in: a session token for the management APIs (Authorization: Bearer)")
            .DescribesBody(typeof(LoginRequest), "application/json")
            .Produces<LoginAnswer>()
            .ProducesErrors(typeof(LoginError), StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests)
            .WithMetadata(ApiExample.Request("""{"username":"admin","password":"correct horse battery staple"}"""));
    }

    private static IUserStore UsersOf(IServiceProvider services, PluginContext context) =>
        services.GetService<IUserStore>()
        ?? throw new PluginConfigurationException(
            context.ConfigurationFile, context.Name, "plugins", "needs a storage plugin that stores users, such as Storage.Sqlite");

    private static TimeProvider ClockOf(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger LoggerOf(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Webhooks.Modular.Auth.Builtin");
}
