namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A user of the management APIs as stored: never the password, only its slow hash.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The name the user signs in with, as they chose to write it; unique regardless of case.</param>
/// <param name="PasswordHash">The password's hash (an ASP.NET Core Identity v3 hash: PBKDF2 with a random salt).</param>
/// <param name="Role">One of <see cref="Auth.ApiRoles"/>.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="UpdatedAt">When the user last changed.</param>
public sealed record UserRecord(string Id, string Username, string PasswordHash, string Role, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
