using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Danube.Requests;

// The API document names this surface's properties as Json below writes them.
[assembly: ApiJsonNaming(JsonKnownNamingPolicy.SnakeCaseLower)]

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>Danube's wire format: snake_case JSON, and <c>{"error","field"}</c> for every error.</summary>
internal static class DanubeResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Json, statusCode: status);

    public static IResult Error(int status, string message, string? field = null) =>
        Results.Json(new ApiError(message, field), Json, statusCode: status);

    public static IResult Invalid(RequestError error) => Error(StatusCodes.Status400BadRequest, error.Message, error.Field);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult TooLarge(int limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {limit} bytes", "body");
}
