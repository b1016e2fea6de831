using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>
/// For endpoints that read a body themselves (a login, a surface's management API): when the server gives up on the
/// body (too slow: 408; cut short: 400; over its limit: 413), the answer is that status as problem details with
/// <c>X-Request-Id</c> and the log has one warning line, instead of a 500 and a stack trace. The inbound pipeline
/// handles its own reads; this is the host's <c>UseExceptionHandler</c> net for the rest.
/// </summary>
internal sealed class BadRequestBodyHandler(IProblemDetailsService problems, ILogger<BadRequestBodyHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var requestId = httpContext.Request.Headers["X-Request-Id"].FirstOrDefault() is { Length: > 0 and <= 100 } given
            && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-')
            ? given
            : httpContext.TraceIdentifier;
        var (title, detail) = bad.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => ("Request timeout", "the request body did not arrive in time"),
            StatusCodes.Status413PayloadTooLarge => ("Payload too large", "the body exceeds the server's limit"),
            _ => ("Bad request", "the request could not be read: " + bad.Message),
        };
        Log.RequestBodyRefused(
            logger,
            httpContext.Request.Method,
            httpContext.Request.Path.Value ?? "/",
            FailureLimiter.AddressKey(httpContext.Connection.RemoteIpAddress),
            bad.StatusCode.ToString(CultureInfo.InvariantCulture),
            detail);

        httpContext.Response.StatusCode = bad.StatusCode;
        httpContext.Response.Headers["X-Request-Id"] = requestId;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = title,
                Detail = detail,
                Extensions = { ["requestId"] = requestId },
            },
        });
    }
}
