using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// Component names for the document's schemas. The generator names a schema after its type alone, so two plugins'
/// types of the same name (Dagu's and Danube's <c>WebhookView</c>) would share one component, and one surface's routes
/// would be described with the other's shape. A plugin's types are named after their plugin: <c>Danube.WebhookView</c>.
/// </summary>
internal static class SchemaIds
{
    private const string Prefix = "Webhooks.Modular.";

    public static string? Create(JsonTypeInfo typeInfo)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        var assembly = typeInfo.Type.Assembly.GetName().Name;
        if (id is null || assembly is null || !assembly.StartsWith(Prefix, StringComparison.Ordinal)
            || assembly is "Webhooks.Modular.Core" or "Webhooks.Modular.Abstractions")
        {
            return id;
        }

        // Webhooks.Modular.Surfaces.Danube -> Danube; Webhooks.Modular.Auth.Builtin -> Builtin.
        return $"{assembly[(assembly.LastIndexOf('.') + 1)..]}.{id}";
    }
}
