using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>
/// Lets a request through when the deployment has no sign-in (the open demo), or when it carries a valid session;
/// otherwise 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class SessionWhenDeployedFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetService<IApiAuthenticator>() is { } authenticator
            && await authenticator.AuthenticateAsync(http, http.RequestAborted) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "sign in: POST the login route for a session token");
        }

        return await next(context);
    }
}
