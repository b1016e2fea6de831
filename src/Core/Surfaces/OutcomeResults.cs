using System.Globalization;
using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>The generic wire format: 200 with ids, 204, or a problem-details error. Every answer carries <c>X-Request-Id</c>.</summary>
internal static class OutcomeResults
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IResult ToResult(ReceiveOutcome outcome, HttpContext context)
    {
        context.Response.Headers["X-Request-Id"] = outcome.RequestId;
        if (outcome.Replayed)
        {
            // Stripe's header for the repeat of an idempotent request: the answer is the first request's.
            context.Response.Headers[ReplayedHeader] = "true";
        }

        if (outcome is { Status: ReceiveStatus.Accepted or ReceiveStatus.NotTriggered, Reply: { } reply })
        {
            // The hook's chosen answer (or a handshake's): the ids stay in X-Request-Id and GET /events for the operator.
            return reply.Body is null ? Results.StatusCode(reply.StatusCode) : Results.Text(reply.Body, reply.ContentType, statusCode: reply.StatusCode);
        }

        switch (outcome.Status)
        {
            case ReceiveStatus.Accepted:
                // A replay names the first request, whose event and runs these are; X-Request-Id stays this request's.
                return Results.Ok(new AcceptedResponse(
                    outcome.FirstRequestId ?? outcome.RequestId, outcome.EventId, outcome.RunIds.FirstOrDefault(), outcome.RunIds));
            case ReceiveStatus.NotTriggered:
                return Results.NoContent();
            case ReceiveStatus.MethodNotAllowed:
                context.Response.Headers.Allow = string.Join(", ", outcome.AllowedMethods);
                break;
            case ReceiveStatus.Unauthorized when outcome.Challenge is not null:
                context.Response.Headers.WWWAuthenticate = outcome.Challenge;
                break;
            case ReceiveStatus.TooManyRequests:
                context.Response.Headers.RetryAfter = (outcome.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
                break;
        }

        var (status, title) = Describe(outcome.Status);
        var extensions = new Dictionary<string, object?> { ["requestId"] = outcome.RequestId };
        if (outcome.Status == ReceiveStatus.Duplicate)
        {
            if (outcome.FirstRequestId is not null)
            {
                extensions["firstRequestId"] = outcome.FirstRequestId;
            }

            extensions["eventId"] = outcome.EventId;
            extensions["runIds"] = outcome.RunIds;
        }

        // A 401 never says which check failed.
        var detail = outcome.Status == ReceiveStatus.Unauthorized ? null : outcome.Detail;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>The HTTP status an outcome is answered with.</summary>
    internal static int StatusCodeOf(ReceiveStatus status) => Describe(status).Status;

    private static (int Status, string Title) Describe(ReceiveStatus status) => status switch
    {
        ReceiveStatus.HookNotFound => (StatusCodes.Status404NotFound, "Hook not found"),
        ReceiveStatus.MethodNotAllowed => (StatusCodes.Status405MethodNotAllowed, "Method not allowed"),
        ReceiveStatus.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "Payload too large"),
        ReceiveStatus.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type"),
        ReceiveStatus.Unauthorized => (StatusCodes.Status401Unauthorized, "Unauthorized"),
        ReceiveStatus.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
        ReceiveStatus.Duplicate => (StatusCodes.Status409Conflict, "Duplicate request"),
        ReceiveStatus.BadRequest => (StatusCodes.Status400BadRequest, "Bad request"),
        ReceiveStatus.RequestTimeout => (StatusCodes.Status408RequestTimeout, "Request timeout"),
        ReceiveStatus.TooManyRequests => (StatusCodes.Status429TooManyRequests, "Too many requests"),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected outcome"),
    };
}
