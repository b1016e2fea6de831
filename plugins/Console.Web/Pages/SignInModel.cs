namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>The sign-in form: where to go afterwards, the name typed, and why the last try failed.</summary>
/// <param name="ReturnUrl">A console address to go back to.</param>
/// <param name="Username">The name typed last time (never the password).</param>
/// <param name="Error">Why signing in failed.</param>
public sealed record SignInModel(string ReturnUrl, string? Username, string? Error);
