using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Builtin.Sessions;

/// <summary>
/// <c>Authorization: Bearer &lt;session token&gt;</c> for management APIs: a stored, unexpired token of a session
/// scope whose user still exists. The role is the user's current one, so a changed or deleted user takes effect at once.
/// </summary>
internal sealed class SessionAuthenticator(ITokenService tokens, IUserStore users) : IApiAuthenticator
{
    public async Task<ApiUser?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers.Authorization;
        if (headers.Count != 1
            || !AuthenticationHeaderValue.TryParse(headers[0], out var parsed)
            || !string.Equals(parsed.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(parsed.Parameter))
        {
            return null;
        }

        var token = await tokens.ValidateAsync(parsed.Parameter.Trim(), cancellationToken);
        if (token is null || SessionScope.UserIdOf(token.Scope) is not { } userId)
        {
            return null;
        }

        var user = await users.FindUserByIdAsync(userId, cancellationToken);

        // Fail closed on a role this version does not know: a surface could not tell what it allows.
        return user is null || !ApiRoles.All.Contains(user.Role, StringComparer.Ordinal) ? null : new ApiUser(user.Id, user.Username, user.Role);
    }
}
