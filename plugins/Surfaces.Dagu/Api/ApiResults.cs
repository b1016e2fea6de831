using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>Dagu's wire format: camelCase JSON, and <c>{"code","message"}</c> for every error.</summary>
internal static class ApiResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Json, statusCode: status);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiError(code, message), Json, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "bad_request", message);

    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "forbidden", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult AlreadyExists(string message) => Error(StatusCodes.Status409Conflict, "already_exists", message);

    public static IResult PayloadTooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"request body exceeded {limit} bytes");
}
