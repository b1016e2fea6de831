using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Surfaces.Danube.Api;

namespace Webhooks.Modular.Surfaces.Danube.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> on every route: one of the configured API keys (full access), or a session
/// of the builtin login (<see cref="IApiAuthenticator"/>) whose role allows the route. Anything else is 401 with a
/// <c>WWW-Authenticate: Bearer</c> challenge; a role that does not allow the route is 403.
/// </summary>
internal sealed class DanubeCaller(ApiKeyRing apiKeys)
{
    private static readonly string[] Operators = [ApiRoles.Admin, ApiRoles.Manager, ApiRoles.Developer, ApiRoles.Operator];
    private static readonly string[] Managers = [ApiRoles.Admin, ApiRoles.Manager, ApiRoles.Developer];

    /// <summary>The caller, or the 401/403 to answer.</summary>
    /// <param name="context">The request.</param>
    /// <param name="access">What the route needs.</param>
    public async Task<(Caller? Caller, IResult? Refusal)> AuthenticateAsync(HttpContext context, Access access)
    {
        if (BearerToken(context.Request) is { } token && apiKeys.Find(token) is { } number)
        {
            return (new Caller($"api key #{number}"), null);
        }

        var authenticator = context.RequestServices.GetService<IApiAuthenticator>();
        var user = authenticator is null ? null : await authenticator.AuthenticateAsync(context, context.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (null, DanubeResults.Error(StatusCodes.Status401Unauthorized, "a valid bearer token is required (a session token or an API key)"));
        }

        var allowed = access switch
        {
            Access.Manage => Managers.Contains(user.Role, StringComparer.Ordinal),
            Access.Operate => Operators.Contains(user.Role, StringComparer.Ordinal),
            _ => true,
        };
        return allowed
            ? (new Caller($"user {user.Id}"), null)
            : (null, DanubeResults.Error(StatusCodes.Status403Forbidden, access == Access.Manage
                ? "managing webhooks requires the developer, manager or admin role"
                : "this requires the operator, developer, manager or admin role"));
    }

    private static string? BearerToken(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        return headers.Count == 1
            && AuthenticationHeaderValue.TryParse(headers[0], out var parsed)
            && string.Equals(parsed.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(parsed.Parameter)
                ? parsed.Parameter.Trim()
                : null;
    }
}
