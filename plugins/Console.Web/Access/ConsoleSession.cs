using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Console.Web.Access;

/// <summary>
/// The console's session: the Auth.Builtin session token kept in an HttpOnly, SameSite=Strict cookie (Secure over
/// HTTPS). It is checked by Auth.Builtin's own <see cref="IApiAuthenticator"/>, so a deleted user or an expired
/// session is shut out exactly as on the management API, and the role is the user's current one.
/// </summary>
internal static class ConsoleSession
{
    private static readonly string[] Changers = [ApiRoles.Admin, ApiRoles.Manager, ApiRoles.Developer, ApiRoles.Operator];

    /// <summary>Whether <paramref name="user"/> may change things (replay, enable, disable): operators and up.</summary>
    public static bool CanChange(ApiUser user) => Changers.Contains(user.Role, StringComparer.Ordinal);

    /// <summary>The signed-in user of the cookie, or <c>null</c>.</summary>
    public static async Task<ApiUser?> UserAsync(HttpContext context)
    {
        var token = context.Request.Cookies[ConsoleCookies.Session];
        if (string.IsNullOrWhiteSpace(token) || context.RequestServices.GetService<IApiAuthenticator>() is not { } authenticator)
        {
            return null;
        }

        // The authenticator reads the bearer header. Only the cookie counts on console routes: whatever Authorization
        // header came with the request is set aside while the cookie's token is checked, then put back.
        var sent = context.Request.Headers.Authorization;
        context.Request.Headers.Authorization = "Bearer " + token;
        try
        {
            return await authenticator.AuthenticateAsync(context, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            context.Request.Headers.Authorization = sent;
        }
    }

    public static void Start(HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(ConsoleCookies.Session, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = ConsoleCookies.Base,
            Expires = expiresAt,
            IsEssential = true,
        });

    public static void End(HttpContext context) =>
        context.Response.Cookies.Delete(ConsoleCookies.Session, new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = ConsoleCookies.Base,
        });

    /// <summary>A local console address to go back to after sign-in; anything else (another site, <c>//host</c>) is the overview.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 }
        && returnUrl.StartsWith(ConsoleCookies.Base, StringComparison.Ordinal)
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && (returnUrl.Length == ConsoleCookies.Base.Length || returnUrl[ConsoleCookies.Base.Length] is '/' or '?')
            ? returnUrl
            : ConsoleCookies.Base;
}
