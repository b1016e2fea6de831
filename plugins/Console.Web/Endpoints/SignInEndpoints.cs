using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Console.Web.Access;
using Webhooks.Modular.Console.Web.Pages;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web.Endpoints;

/// <summary><c>/console/sign-in</c> and <c>/console/sign-out</c>: the form, Auth.Builtin's login behind it, the session cookie.</summary>
internal sealed class SignInEndpoints(ILogger<SignInEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder console)
    {
        console.MapGet("/sign-in", ShowAsync).ExcludeFromDescription();
        console.MapPost("/sign-in", (Delegate)SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        console.MapPost("/sign-out", (Delegate)SignOutAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static Task<IResult> ShowAsync(HttpContext context, string? returnUrl) =>
        PageRenderer.RenderAsync<SignInPage>(context, null, new SignInModel(ConsoleSession.SafeReturn(returnUrl), null, null));

    private async Task<IResult> SignInAsync(HttpContext context)
    {
        if (await Gate.TokenRefusalAsync(context, logger).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnUrl = ConsoleSession.SafeReturn(form["returnUrl"]);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (username.Length == 0 || password.Length == 0)
        {
            return await PageRenderer.RenderAsync<SignInPage>(
                context, null, new SignInModel(returnUrl, username, "Enter a user name and a password."), StatusCodes.Status400BadRequest).ConfigureAwait(false);
        }

        var outcome = await BuiltinLogin.SignInAsync(context, username, password).ConfigureAwait(false);
        if (outcome.Token is not { } token)
        {
            return await PageRenderer.RenderAsync<SignInPage>(
                context, null, new SignInModel(returnUrl, username, outcome.Error), StatusCodes.Status401Unauthorized).ConfigureAwait(false);
        }

        ConsoleSession.Start(context, token, outcome.ExpiresAt);
        return Gate.SeeOther(context, returnUrl);
    }

    private async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (await Gate.TokenRefusalAsync(context, logger).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        ConsoleSession.End(context);
        return Gate.SeeOther(context, $"{ConsoleCookies.Base}/sign-in");
    }
}
