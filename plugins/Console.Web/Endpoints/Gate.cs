using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Console.Web.Access;
using Webhooks.Modular.Console.Web.Diagnostics;
using Webhooks.Modular.Console.Web.Pages;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web.Endpoints;

/// <summary>
/// Who may see and do what: every page needs a session (otherwise a redirect to the sign-in page, which comes back);
/// every post needs a valid anti-forgery token (400) and, for a change, the operator role or above (403), checked
/// here whatever buttons the page showed.
/// </summary>
internal static class Gate
{
    /// <summary>The user, or the redirect to the sign-in page in <paramref name="refusal"/>.</summary>
    public static async Task<(ApiUser? User, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        if (await ConsoleSession.UserAsync(context).ConfigureAwait(false) is { } user)
        {
            return (user, null);
        }

        var back = context.Request.Path + context.Request.QueryString;
        return (null, Results.Redirect($"{ConsoleCookies.Base}/sign-in?returnUrl={Uri.EscapeDataString(back)}"));
    }

    /// <summary>The user allowed to change things, or the answer refusing the post.</summary>
    public static async Task<(ApiUser? User, IResult? Refusal)> ChangeAsync(HttpContext context, ILogger logger)
    {
        if (await TokenRefusalAsync(context, logger).ConfigureAwait(false) is { } bad)
        {
            return (null, bad);
        }

        if (await ConsoleSession.UserAsync(context).ConfigureAwait(false) is not { } user)
        {
            return (null, SeeOther(context, $"{ConsoleCookies.Base}/sign-in"));
        }

        if (!ConsoleSession.CanChange(user))
        {
            Log.ChangeRefused(logger, user.Id, user.Role, context.Request.Path);
            return (null, await PageRenderer.RenderAsync<MessagePage>(
                context,
                user,
                new MessageModel("Not allowed", $"The '{user.Role}' role reads only; changes need the operator, developer, manager or admin role."),
                StatusCodes.Status403Forbidden).ConfigureAwait(false));
        }

        return (user, null);
    }

    /// <summary>400 when the post has no valid anti-forgery token (a form of another site, or an expired page).</summary>
    public static async Task<IResult?> TokenRefusalAsync(HttpContext context, ILogger logger)
    {
        if (await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return null;
        }

        Log.AntiforgeryRefused(logger, context.Request.Path);
        return Results.Content(
            "The form's anti-forgery token is missing or invalid: reload the page and try again.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// After a change, back to a page with the code of its notice (post, redirect, get: a reload does not post again).
    /// A code, not the text: a link must not be able to put words of its own in the console's mouth.
    /// </summary>
    public static IResult Back(HttpContext context, string path, string done) =>
        SeeOther(context, $"{path}?done={Uri.EscapeDataString(done)}");

    /// <summary>303: the browser follows a post's answer with a GET.</summary>
    public static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
