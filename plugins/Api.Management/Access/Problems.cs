using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Api.Management.Access;

/// <summary>The API's errors, all problem details (RFC 9457) naming what was wrong.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static IResult Unauthorized(string detail) => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static IResult Forbidden(string detail) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>The storage plugin does not implement the read this route needs.</summary>
    public static IResult Unsupported(string what) => Results.Problem(
        statusCode: StatusCodes.Status501NotImplemented, title: "Not supported by this storage", detail: $"the storage plugin in use does not provide {what}");
}
