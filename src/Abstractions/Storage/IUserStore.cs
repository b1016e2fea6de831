namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Stores the users of the management APIs. User names are unique regardless of case: <c>Alice</c> and <c>alice</c>
/// are the same user, and looking either up finds her.
/// </summary>
public interface IUserStore
{
    /// <summary>
    /// Stores a new user; <c>false</c> (and nothing stored) when a user of that name, in any case, already exists.
    /// The check is part of the write, so two concurrent creations of one name cannot both succeed.
    /// </summary>
    /// <param name="user">The user, with the password's hash.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>The user of that name, compared regardless of case, or <c>null</c>.</summary>
    /// <param name="username">The name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<UserRecord?> FindUserByNameAsync(string username, CancellationToken cancellationToken);

    /// <summary>The user with that id, or <c>null</c>.</summary>
    /// <param name="id">The user's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<UserRecord?> FindUserByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every user, by name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>How many users there are.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<int> CountUsersAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a user; <c>false</c> when there was none with that id.</summary>
    /// <param name="id">The user's id.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken);
}
