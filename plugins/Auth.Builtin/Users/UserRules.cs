using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Auth.Builtin.Users;

/// <summary>What a new user's name, password and role must be; each check answers the problem, or <c>null</c>.</summary>
internal static class UserRules
{
    public const int MaxUsernameLength = 64;
    public const int MinPasswordLength = 8;

    // PBKDF2 is slow on purpose; a megabyte of password would only be a way to burn the host's CPU.
    public const int MaxPasswordLength = 1024;

    public static string? CheckUsername(string username)
    {
        if (username.Length == 0 || username.Length > MaxUsernameLength)
        {
            return $"a username must be 1 to {MaxUsernameLength} characters";
        }

        if (username.Trim().Length != username.Length || username.Any(char.IsControl))
        {
            return $"username '{username.Trim()}' must not start or end with spaces or contain control characters";
        }

        return null;
    }

    public static string? CheckPassword(string password) =>
        password.Length < MinPasswordLength || password.Length > MaxPasswordLength
            ? $"a password must be {MinPasswordLength} to {MaxPasswordLength} characters"
            : null;

    /// <summary>The role as <see cref="ApiRoles"/> spells it, whatever the case it was given in; <c>null</c> when unknown.</summary>
    public static string? CanonicalRole(string role) =>
        ApiRoles.All.FirstOrDefault(known => string.Equals(known, role, StringComparison.OrdinalIgnoreCase));
}
