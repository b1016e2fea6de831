using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Console.Web.Access;

/// <summary>What Auth.Builtin's login answered: a session, or the message to show.</summary>
/// <param name="Token">The session token, when signed in.</param>
/// <param name="ExpiresAt">When the session ends.</param>
/// <param name="User">Who signed in.</param>
/// <param name="Error">Why not, for the form.</param>
internal sealed record SignInOutcome(string? Token, DateTimeOffset ExpiresAt, ApiUser? User, string? Error);
