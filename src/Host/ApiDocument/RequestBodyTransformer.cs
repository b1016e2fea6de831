using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>The request body of routes that read it themselves, from their <see cref="ApiRequestBody"/> metadata.</summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBody>().LastOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken);
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.OrdinalIgnoreCase);
        foreach (var contentType in body.ContentTypes)
        {
            content[contentType] = new OpenApiMediaType { Schema = schema };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }
}
