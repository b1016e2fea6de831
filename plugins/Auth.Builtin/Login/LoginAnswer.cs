namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>A successful login's body, as <see cref="LoginEndpoint"/> writes it, for the API document.</summary>
/// <param name="Token">The session token, for <c>Authorization: Bearer</c>.</param>
/// <param name="ExpiresAt">When the session ends.</param>
/// <param name="User">Who signed in.</param>
internal sealed record LoginAnswer(string Token, DateTimeOffset ExpiresAt, LoginUser User);
