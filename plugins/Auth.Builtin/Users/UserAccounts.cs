using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Builtin.Users;

/// <summary>Creates users: a new id, the password's hash, the times. Shared by the first-admin start-up and the <c>user</c> command.</summary>
internal sealed class UserAccounts(IUserStore store, UserPasswords passwords, TimeProvider clock)
{
    /// <summary>Creates the user; <c>null</c> when the name is taken (in any case). The caller has checked <see cref="UserRules"/>.</summary>
    public async Task<UserRecord?> CreateAsync(string username, string password, string role, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = new UserRecord(Guid.CreateVersion7(now).ToString(), username, string.Empty, role, now, now);
        user = user with { PasswordHash = passwords.Hash(user, password) };
        return await store.CreateUserAsync(user, cancellationToken) ? user : null;
    }
}
