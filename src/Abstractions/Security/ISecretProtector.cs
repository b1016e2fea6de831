namespace Webhooks.Modular.Abstractions.Security;

/// <summary>
/// Encrypts secrets before they are stored (ASP.NET Core Data Protection, its key ring outside the database), so
/// that a copy of the database alone reveals none of them.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts a secret.</summary>
    /// <param name="plaintext">The secret.</param>
    string Protect(string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> made; throws when it was tampered with or the key is gone.</summary>
    /// <param name="protectedText">The encrypted secret.</param>
    string Unprotect(string protectedText);
}
