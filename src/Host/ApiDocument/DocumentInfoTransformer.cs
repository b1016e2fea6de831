using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>The document's title, version and description, and the tags' descriptions.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var version = typeof(DocumentInfoTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        document.Info = new OpenApiInfo
        {
            Title = "Webhooks.Modular",
            Version = version.Split('+')[0],
            Description = "The routes of this deployment: the generic surface (/hooks/{name}, /runs, /events) and those of every loaded "
                + "surface and plugin. The generic surface answers errors as application/problem+json (RFC 9457); each "
                + "product surface answers in its product's own error shape.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        return Task.CompletedTask;
    }
}
