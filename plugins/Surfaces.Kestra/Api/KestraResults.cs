using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>Kestra's wire format: camelCase JSON without nulls, and <c>{"message":"Not Found: …"}</c> for every error.</summary>
internal static class KestraResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IResult Ok(object value) => Results.Json(value, Json);

    /// <summary>An error as Kestra's web server writes it: the status's reason phrase, then what happened.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="message">What happened, for people.</param>
    public static IResult Error(int status, string message) =>
        Results.Json(new ErrorBody($"{ReasonPhrases.GetReasonPhrase(status)}: {message}"), Json, statusCode: status);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);
}
