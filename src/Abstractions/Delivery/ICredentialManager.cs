namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Manages stored outbound credentials: validated, encrypted before they are stored, and never shown in full
/// again (only <see cref="CredentialRecord.Hint"/>). Invalid input throws <see cref="ArgumentException"/> naming the field.
/// </summary>
public interface ICredentialManager
{
    /// <summary>Stores a credential.</summary>
    /// <param name="name">A name for people.</param>
    /// <param name="type">One of <see cref="CredentialTypes"/>.</param>
    /// <param name="data">Its fields (see <see cref="CredentialTypes"/>).</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<CredentialRecord> CreateAsync(string name, string type, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken);

    /// <summary>A credential, or <c>null</c>.</summary>
    /// <param name="id">The credential.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CredentialRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>All credentials.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<CredentialRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a credential; false when there was none.</summary>
    /// <param name="id">The credential.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
