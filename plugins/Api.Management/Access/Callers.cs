using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Api.Management.Access;

/// <summary>The user <see cref="CallerFilter"/> let through.</summary>
internal static class Callers
{
    public static string IdOf(HttpContext context) =>
        context.Items.TryGetValue(CallerFilter.CallerItem, out var caller) && caller is ApiUser user ? user.Id : "unknown";
}
