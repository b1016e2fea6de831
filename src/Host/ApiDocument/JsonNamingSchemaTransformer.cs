using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// Renames a schema's properties to the names a surface really writes. The generator names them with the app's JSON
/// options (camelCase), but DagNats, Danube and Dograh serialize with their own snake_case options; their assemblies say
/// so with <see cref="ApiJsonNamingAttribute"/>, and this applies that policy to each property not named explicitly.
/// </summary>
internal sealed class JsonNamingSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var typeInfo = context.JsonTypeInfo;
        if (typeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        var naming = typeInfo.Type.GetCustomAttribute<ApiJsonNamingAttribute>() ?? typeInfo.Type.Assembly.GetCustomAttribute<ApiJsonNamingAttribute>();
        if (naming is null)
        {
            return Task.CompletedTask;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || member.IsDefined(typeof(JsonPropertyNameAttribute), inherit: true))
            {
                continue;
            }

            var written = naming.NamingPolicy?.ConvertName(member.Name) ?? member.Name;
            if (written == property.Name || !properties.Remove(property.Name, out var described))
            {
                continue;
            }

            properties[written] = described;
            if (schema.Required?.Remove(property.Name) == true)
            {
                schema.Required.Add(written);
            }
        }

        return Task.CompletedTask;
    }
}
