using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>
/// Who is calling a management API (the builtin login's session tokens). API surfaces ask it; when no plugin
/// provides one, management APIs are not available (401).
/// </summary>
public interface IApiAuthenticator
{
    /// <summary>The signed-in user, or <c>null</c> when the request carries no valid session (then answer 401).</summary>
    /// <param name="context">The HTTP request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<ApiUser?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken);
}
