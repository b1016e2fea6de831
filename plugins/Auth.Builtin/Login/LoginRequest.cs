namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>The login body as the API document shows it (the endpoint reads it itself, see <see cref="LoginEndpoint"/>).</summary>
/// <param name="Username">The user's name.</param>
/// <param name="Password">The user's password.</param>
internal sealed record LoginRequest(string Username, string Password);
