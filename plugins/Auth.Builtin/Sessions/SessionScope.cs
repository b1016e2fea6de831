namespace Webhooks.Modular.Auth.Builtin.Sessions;

/// <summary>
/// The token scope of a user's sessions, <c>session:&lt;user id&gt;</c>. Webhook tokens have other scopes
/// (<c>hook:</c>, <c>dag:</c>), so a token that opens a hook never opens a management API.
/// </summary>
internal static class SessionScope
{
    public const string Prefix = "session:";

    /// <summary>The scope of <paramref name="userId"/>'s sessions.</summary>
    public static string Of(string userId) => Prefix + userId;

    /// <summary>The user a session scope belongs to, or <c>null</c> when the scope is not a session's.</summary>
    public static string? UserIdOf(string scope) =>
        scope.StartsWith(Prefix, StringComparison.Ordinal) && scope.Length > Prefix.Length ? scope[Prefix.Length..] : null;
}
