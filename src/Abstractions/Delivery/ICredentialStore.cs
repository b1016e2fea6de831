namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>Stores outbound credentials, encrypted by the caller.</summary>
public interface ICredentialStore
{
    /// <summary>Stores a credential; false when its id exists.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> CreateCredentialAsync(CredentialRecord credential, CancellationToken cancellationToken);

    /// <summary>A credential by id, or <c>null</c>.</summary>
    /// <param name="id">The credential.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CredentialRecord?> GetCredentialAsync(string id, CancellationToken cancellationToken);

    /// <summary>All credentials, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<CredentialRecord>> ListCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a credential; false when there was none.</summary>
    /// <param name="id">The credential.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteCredentialAsync(string id, CancellationToken cancellationToken);
}
