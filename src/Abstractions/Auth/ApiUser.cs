namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>A signed-in user of the management APIs.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The user's name.</param>
/// <param name="Role">One of <see cref="ApiRoles"/>.</param>
public sealed record ApiUser(string Id, string Username, string Role);
