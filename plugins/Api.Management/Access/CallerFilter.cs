using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Api.Management.Access;

/// <summary>
/// Every management route needs a session of the builtin sign-in (<see cref="IApiAuthenticator"/>): without one,
/// 401 with <c>WWW-Authenticate: Bearer</c>; with a viewer's session on a route that changes something, 403. With no
/// sign-in deployed at all the API stays closed (401): it shows payloads and replays deliveries.
/// </summary>
internal sealed class CallerFilter(Permission permission) : IEndpointFilter
{
    private static readonly string[] Changers = [ApiRoles.Admin, ApiRoles.Manager, ApiRoles.Developer, ApiRoles.Operator];

    /// <summary>Where the signed-in user is kept for the handler (for its logs).</summary>
    public const string CallerItem = "Api.Management.Caller";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var authenticator = http.RequestServices.GetService<IApiAuthenticator>();
        var user = authenticator is null ? null : await authenticator.AuthenticateAsync(http, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized(authenticator is null
                ? "no sign-in is deployed: add the Auth.Builtin plugin to use the management API"
                : "sign in: POST the login route for a session token and send it as 'Authorization: Bearer <token>'");
        }

        if (permission == Permission.Change && !Changers.Contains(user.Role, StringComparer.Ordinal))
        {
            return Problems.Forbidden($"the '{user.Role}' role reads only; changes need the operator, developer, manager or admin role");
        }

        http.Items[CallerItem] = user;
        return await next(context).ConfigureAwait(false);
    }
}
