using System.Globalization;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Dograh.Credentials;

/// <summary>A credential as the API shows it: never its data, only a masked <c>hint</c>.</summary>
/// <param name="Uuid">Its id, which webhook nodes name in <c>credential_uuid</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="CredentialType">NONE, API_KEY, BEARER_TOKEN, BASIC_AUTH or CUSTOM_HEADER.</param>
/// <param name="Hint">A masked form of the secret.</param>
/// <param name="CreatedAt">When it was stored, ISO 8601 in UTC.</param>
internal sealed record CredentialView(string Uuid, string Name, string CredentialType, string Hint, string CreatedAt)
{
    public static CredentialView From(CredentialRecord record) => new(
        record.Id,
        record.Name,
        record.Type,
        record.Hint,
        record.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
