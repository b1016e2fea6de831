using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// Declares every route parameter of the path: handlers that read a route value from the request themselves (rather
/// than taking it as an argument) leave it out, and OpenAPI requires each templated segment to be declared.
/// </summary>
internal sealed class PathParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var pattern = RoutePatternFactory.Parse("/" + (context.Description.RelativePath ?? string.Empty).Split('?')[0]);
        foreach (var parameter in pattern.Parameters)
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, parameter.Name, StringComparison.Ordinal)))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
