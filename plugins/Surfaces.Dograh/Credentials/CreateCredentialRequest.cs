using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Api;

namespace Webhooks.Modular.Surfaces.Dograh.Credentials;

/// <summary>The body of <c>POST /api/v1/credentials</c>: <c>{name, credential_type, credential_data: {...}}</c>.</summary>
/// <param name="Name">A name for people.</param>
/// <param name="Type">The credential type, upper case.</param>
/// <param name="Data">The type's fields (see <see cref="CredentialTypes"/>), all strings.</param>
internal sealed record CreateCredentialRequest(string Name, string Type, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>Reads a body; the error names the field at fault.</summary>
    /// <param name="body">The request body.</param>
    public static (CreateCredentialRequest? Request, ErrorBody? Error) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Fail("the body must be a JSON object {name, credential_type, credential_data}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("the body must be a JSON object {name, credential_type, credential_data}");
            }

            if (!root.TryGetProperty("name", out var nameValue) || nameValue.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(nameValue.GetString()))
            {
                return Fail("name is required: a non-empty string", "name");
            }

            var types = string.Join(", ", CredentialTypes.All);
            if (!root.TryGetProperty("credential_type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
            {
                return Fail($"credential_type is required: one of {types}", "credential_type");
            }

            var type = typeValue.GetString()!.Trim().ToUpperInvariant();
            if (!CredentialTypes.All.Contains(type, StringComparer.Ordinal))
            {
                return Fail($"credential_type '{typeValue.GetString()}' is not one of {types}", "credential_type");
            }

            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("credential_data", out var dataValue) && dataValue.ValueKind != JsonValueKind.Null)
            {
                if (dataValue.ValueKind != JsonValueKind.Object)
                {
                    return Fail("credential_data must be an object of the type's fields", "credential_data");
                }

                foreach (var field in dataValue.EnumerateObject())
                {
                    if (field.Value.ValueKind != JsonValueKind.String)
                    {
                        return Fail($"credential_data.{field.Name} must be a string", $"credential_data.{field.Name}");
                    }

                    data[field.Name] = field.Value.GetString()!;
                }
            }

            return (new CreateCredentialRequest(nameValue.GetString()!.Trim(), type, data), null);
        }
    }

    private static (CreateCredentialRequest?, ErrorBody?) Fail(string detail, string? field = null) => (null, new ErrorBody(detail, field));
}
