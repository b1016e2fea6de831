using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Surfaces;

// The API document names this surface's properties as Json below writes them.
[assembly: ApiJsonNaming(JsonKnownNamingPolicy.SnakeCaseLower)]

namespace Webhooks.Modular.Surfaces.Dograh.Api;

/// <summary>Dograh's wire format: snake_case JSON, and <c>{"detail"}</c> for every error.</summary>
internal static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object value, int status = StatusCodes.Status200OK) => Results.Json(value, Json, statusCode: status);

    public static IResult Error(int status, string detail, string? field = null) =>
        Results.Json(new ErrorBody(detail, field), Json, statusCode: status);

    public static IResult BadRequest(string detail, string? field = null) => Error(StatusCodes.Status400BadRequest, detail, field);

    public static IResult Unauthorized(string detail) => Error(StatusCodes.Status401Unauthorized, detail);

    public static IResult Forbidden(string detail) => Error(StatusCodes.Status403Forbidden, detail);

    public static IResult NotFound(string detail) => Error(StatusCodes.Status404NotFound, detail);

    public static IResult Conflict(string detail) => Error(StatusCodes.Status409Conflict, detail);
}
