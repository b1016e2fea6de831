using Microsoft.AspNetCore.DataProtection;
using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Core.Security;

/// <summary>
/// Encrypts secrets with ASP.NET Core Data Protection (authenticated encryption, keys rotated by the key ring). The
/// key ring lives in a directory outside the database (<see cref="Delivery.DeliveryOptions.KeysDirectory"/>), so a
/// copy of the database alone reveals no secret.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Webhooks.Modular.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
