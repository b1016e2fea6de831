namespace Webhooks.Modular.Console.Web.Access;

/// <summary>The console's cookie names and path.</summary>
internal static class ConsoleCookies
{
    /// <summary>Where the console is mounted.</summary>
    public const string Base = "/console";

    /// <summary>The session cookie: the Auth.Builtin session token, HttpOnly, SameSite=Strict, Secure over HTTPS.</summary>
    public const string Session = "wm_console_session";

    /// <summary>The anti-forgery cookie.</summary>
    public const string Antiforgery = "wm_console_af";

    /// <summary>The anti-forgery form field.</summary>
    public const string AntiforgeryField = "__RequestVerificationToken";
}
