namespace Webhooks.Modular.Auth.Basic;

/// <summary>A configured user: the name and the password's hash (ASP.NET Core Identity v3 format), never the password.</summary>
/// <param name="Username">The user name, as sent before the first ':'.</param>
/// <param name="UsernameHash">SHA-256 of the UTF-8 user name, compared in constant time.</param>
/// <param name="PasswordHash">The password hash as <c>PasswordHasher</c> writes it (base64).</param>
internal sealed record BasicUser(string Username, byte[] UsernameHash, string PasswordHash);
