namespace Webhooks.Modular.Surfaces.Dograh.Credentials;

/// <summary>
/// Turns the field an <see cref="ArgumentException"/> of <see cref="Abstractions.Delivery.ICredentialManager"/> names
/// into the request's own field (<c>type</c> is <c>credential_type</c>; <c>api_key</c> is <c>credential_data.api_key</c>).
/// </summary>
internal static class CredentialFields
{
    private const string DataPrefix = "credential_data.";

    /// <summary>The request field, or <c>null</c> when the exception names none.</summary>
    /// <param name="paramName">The exception's <see cref="ArgumentException.ParamName"/>.</param>
    public static string? FieldOf(string? paramName)
    {
        if (string.IsNullOrWhiteSpace(paramName))
        {
            return null;
        }

        var name = paramName.Trim();
        switch (name)
        {
            case "name":
                return "name";
            case "type" or "credential_type" or "credentialType":
                return "credential_type";
            case "data" or "credential_data" or "credentialData":
                return "credential_data";
        }

        foreach (var prefix in new[] { "credential_data.", "credential_data:", "data.", "data:", "data[" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return DataPrefix + name[prefix.Length..].TrimEnd(']').Trim('"', '\'');
            }
        }

        // A bare data field (api_key, header_name, token, username, password, header_value).
        return DataPrefix + name;
    }

    /// <summary>The exception's message without .NET's <c>(Parameter 'x')</c>, led by the field when it does not name it.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="field">The field, from <see cref="FieldOf"/>.</param>
    public static string DetailOf(ArgumentException exception, string? field)
    {
        var message = exception.ParamName is { } parameter
            ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
        return field is null || message.Contains(field, StringComparison.Ordinal) ? message : $"{field}: {message}";
    }
}
