namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>A page that only says something.</summary>
/// <param name="Title">Its heading.</param>
/// <param name="Text">What happened, naming what was wrong.</param>
public sealed record MessageModel(string Title, string Text);
