using System.Text.Json.Serialization;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>The error body: <c>{"error": "...", "field": "..."}</c>, <c>field</c> only when one field is at fault.</summary>
/// <param name="Error">What is wrong, for people; it names the field.</param>
/// <param name="Field">The offending field of the request body or query.</param>
internal sealed record ApiError(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null);
