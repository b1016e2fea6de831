using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>Puts each route's <see cref="ApiExample"/> metadata into the document, on the request body or the answer it names.</summary>
internal sealed class ApiExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var example in context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiExample>())
        {
            var content = example.StatusCode is { } status
                ? operation.Responses is { } responses && responses.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var response) ? response.Content : null
                : operation.RequestBody?.Content;
            if (content is not null && content.TryGetValue(example.ContentType, out var media) && media is OpenApiMediaType)
            {
                media.Example = JsonNode.Parse(example.Json);
            }
        }

        return Task.CompletedTask;
    }
}
