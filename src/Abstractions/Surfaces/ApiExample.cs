namespace Webhooks.Modular.Abstractions.Surfaces;

/// <summary>
/// Endpoint metadata: an example request or answer body for the host's API document (<c>/openapi/v1.json</c>). A
/// surface adds it where it maps a route, with <c>.WithMetadata(ApiExample.Request(...))</c>; plugins need no OpenAPI
/// package for it, the host turns it into the document's example.
/// </summary>
public sealed class ApiExample
{
    private ApiExample(int? statusCode, string contentType, string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        StatusCode = statusCode;
        ContentType = contentType;
        Json = json;
    }

    /// <summary>The answer's status code, or <c>null</c> for the request body.</summary>
    public int? StatusCode { get; }

    /// <summary>The media type the example is for, such as <c>application/json</c>.</summary>
    public string ContentType { get; }

    /// <summary>The example, as JSON text.</summary>
    public string Json { get; }

    /// <summary>An example request body.</summary>
    /// <param name="json">The body, as JSON text.</param>
    /// <param name="contentType">Its media type.</param>
    public static ApiExample Request(string json, string contentType = "application/json") => new(null, contentType, json);

    /// <summary>An example answer body for one status code.</summary>
    /// <param name="statusCode">The answer's status code.</param>
    /// <param name="json">The body, as JSON text.</param>
    /// <param name="contentType">Its media type.</param>
    public static ApiExample Response(int statusCode, string json, string contentType = "application/json") => new(statusCode, contentType, json);
}
