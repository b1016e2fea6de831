using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>Sessions for API tests: <c>Authorization: Bearer session-&lt;role&gt;</c> signs in a user with that role.</summary>
internal sealed class FakeSessions : IApiAuthenticator
{
    public const string Prefix = "Bearer session-";

    public Task<ApiUser?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return Task.FromResult(header.StartsWith(Prefix, StringComparison.Ordinal) && ApiRoles.All.Contains(header[Prefix.Length..])
            ? new ApiUser($"user-{header[Prefix.Length..]}", header[Prefix.Length..], header[Prefix.Length..])
            : null);
    }
}
