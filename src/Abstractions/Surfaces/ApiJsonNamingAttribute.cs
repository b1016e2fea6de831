using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webhooks.Modular.Abstractions.Surfaces;

/// <summary>
/// Says that a surface writes its types' JSON with this naming policy (such as snake_case) rather than ASP.NET Core's
/// camelCase, so that the host's API document names their properties as they are written. Put it on the plugin's
/// assembly (<c>[assembly: ApiJsonNaming(JsonKnownNamingPolicy.SnakeCaseLower)]</c>) or on one type; a property with its
/// own <see cref="JsonPropertyNameAttribute"/> keeps that name.
/// </summary>
/// <param name="policy">The policy the surface's <see cref="JsonSerializerOptions"/> use.</param>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false)]
public sealed class ApiJsonNamingAttribute(JsonKnownNamingPolicy policy) : Attribute
{
    /// <summary>The naming policy of the JSON the surface writes.</summary>
    public JsonKnownNamingPolicy Policy { get; } = policy;

    /// <summary>The policy as a <see cref="JsonNamingPolicy"/>; <c>null</c> for <see cref="JsonKnownNamingPolicy.Unspecified"/> (names as declared).</summary>
    public JsonNamingPolicy? NamingPolicy => Policy switch
    {
        JsonKnownNamingPolicy.CamelCase => JsonNamingPolicy.CamelCase,
        JsonKnownNamingPolicy.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
        JsonKnownNamingPolicy.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
        JsonKnownNamingPolicy.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
        JsonKnownNamingPolicy.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
        _ => null,
    };
}
