using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// A unique operation id for every operation: a route mapped for several methods under one name (the generic hooks,
/// Kestra's webhook) would otherwise repeat its name in each, and a route without a name would have none.
/// </summary>
internal sealed class OperationIdTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var methods = description.ActionDescriptor.EndpointMetadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods;
        if (string.IsNullOrEmpty(operation.OperationId))
        {
            operation.OperationId = Pascal(method) + FromPath(description.RelativePath ?? string.Empty);
        }
        else if (methods is { Count: > 1 })
        {
            operation.OperationId += Pascal(method);
        }

        return Task.CompletedTask;
    }

    private static string FromPath(string path)
    {
        var id = new StringBuilder();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Trim('{', '}');
            if (segment.StartsWith('{'))
            {
                id.Append("By");
            }

            foreach (var word in name.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
            {
                id.Append(Pascal(word));
            }
        }

        return id.ToString();
    }

    private static string Pascal(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..].ToLowerInvariant();
}
