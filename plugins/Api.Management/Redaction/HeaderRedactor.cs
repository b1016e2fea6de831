using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Api.Management.Redaction;

/// <summary>
/// Hides credentials in stored headers before they are shown: <see cref="CredentialHeaders"/>, shared with the console
/// so that both show the same headers.
/// </summary>
internal static class HeaderRedactor
{
    public const string Redacted = CredentialHeaders.Redacted;

    public static Dictionary<string, string[]> Redact(IReadOnlyDictionary<string, string[]> headers) => CredentialHeaders.Redact(headers);

    public static bool IsCredential(string name) => CredentialHeaders.IsCredential(name);
}
