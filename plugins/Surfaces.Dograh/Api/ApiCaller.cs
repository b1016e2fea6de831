using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Surfaces.Dograh.Api;

/// <summary>
/// Who calls the credentials API: the signed-in user of the builtin login (<see cref="IApiAuthenticator"/>).
/// Without builtin auth in the deployment nobody can sign in, so every call is 401.
/// </summary>
internal static class ApiCaller
{
    private static readonly string[] CredentialManagers = [ApiRoles.Admin, ApiRoles.Manager, ApiRoles.Developer];

    /// <summary>The signed-in user, or the 401 to answer.</summary>
    /// <param name="context">The request.</param>
    public static async Task<(ApiUser? User, IResult? Refusal)> SignedInAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IApiAuthenticator>() is not { } authenticator)
        {
            return (null, Challenge(context, "sign-in is not enabled on this server (add the Auth.Builtin plugin)"));
        }

        var user = await authenticator.AuthenticateAsync(context, context.RequestAborted).ConfigureAwait(false);
        return user is null ? (null, Challenge(context, "a valid session token is required")) : (user, null);
    }

    /// <summary>The signed-in user when they may create and delete credentials (developer, manager, admin), or the 401/403.</summary>
    /// <param name="context">The request.</param>
    public static async Task<(ApiUser? User, IResult? Refusal)> CredentialManagerAsync(HttpContext context)
    {
        var (user, refusal) = await SignedInAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            return (null, refusal);
        }

        return CredentialManagers.Contains(user.Role, StringComparer.Ordinal)
            ? (user, null)
            : (null, ApiResults.Forbidden("managing credentials requires the developer, manager or admin role"));
    }

    private static IResult Challenge(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResults.Unauthorized(message);
    }
}
