using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Surfaces;

// The API document names this surface's properties as Json below writes them.
[assembly: ApiJsonNaming(JsonKnownNamingPolicy.SnakeCaseLower)]

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>DagNats' wire format: snake_case JSON, and <c>{"error": "..."}</c> for every error.</summary>
internal static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object value) => Results.Json(value, Json, statusCode: StatusCodes.Status200OK);

    public static IResult Error(int status, string message) => Results.Json(new ApiError(message), Json, statusCode: status);
}
