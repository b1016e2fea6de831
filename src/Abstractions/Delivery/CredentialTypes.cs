namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>The credential types outbound deliveries can carry.</summary>
public static class CredentialTypes
{
    /// <summary>No authentication.</summary>
    public const string None = "NONE";

    /// <summary>A key in a header (<c>header_name</c>, default <c>X-API-Key</c>; <c>api_key</c>).</summary>
    public const string ApiKey = "API_KEY";

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c> (<c>token</c>).</summary>
    public const string BearerToken = "BEARER_TOKEN";

    /// <summary>HTTP Basic (<c>username</c>, <c>password</c>).</summary>
    public const string BasicAuth = "BASIC_AUTH";

    /// <summary>Any header (<c>header_name</c>, <c>header_value</c>).</summary>
    public const string CustomHeader = "CUSTOM_HEADER";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [None, ApiKey, BearerToken, BasicAuth, CustomHeader];
}
