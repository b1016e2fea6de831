using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>Builds an <see cref="InboundWebhook"/> from an ASP.NET Core request, for API surfaces.</summary>
public static class HttpInbound
{
    /// <summary>The request as the pipeline takes it; the body stays a stream, read later within the hook's limit.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="hookName">The hook the surface resolved from its route.</param>
    public static InboundWebhook Create(HttpContext context, string hookName)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string[]>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToArray()!;
        }

        var query = new Dictionary<string, string[]>(request.Query.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.ToArray()!;
        }

        var routeValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in context.GetRouteData().Values)
        {
            if (value?.ToString() is { } text)
            {
                routeValues[name] = text;
            }
        }

        return new InboundWebhook(
            hookName,
            request.Method,
            request.Path.Value ?? "/",
            headers,
            query,
            routeValues,
            context.Connection.RemoteIpAddress,
            request.ContentLength,
            request.Body)
        {
            RequestId = request.Headers["X-Request-Id"].FirstOrDefault(),
        };
    }
}
