namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>The user part of <see cref="LoginAnswer"/>.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The user's name.</param>
/// <param name="Role">The user's role.</param>
internal sealed record LoginUser(string Id, string Username, string Role);
