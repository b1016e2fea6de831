using System.Buffers;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Step 2: method (405), content type (415) and body size (413). The body is read here, in chunks, and
/// reading stops as soon as it passes the hook's limit: an oversized body is never held in memory. A body that
/// arrives too slowly (below Kestrel's minimum data rate) is answered 408, with one warning line.
/// </summary>
internal sealed class LimitsBehavior(ILogger<LimitsBehavior> logger) : IPipelineBehavior<ReceiveWebhook, ReceiveOutcome>
{
    private const int ChunkSize = 16 * 1024;

    public async Task<ReceiveOutcome> Handle(ReceiveWebhook request, CancellationToken cancellationToken, RequestHandlerDelegate<ReceiveOutcome> next)
    {
        var hook = request.Hook!;
        var inbound = request.Inbound;
        if (!hook.Methods.Contains(inbound.Method, StringComparer.OrdinalIgnoreCase))
        {
            return request.Outcome(ReceiveStatus.MethodNotAllowed, $"hook '{hook.Name}' takes {string.Join(", ", hook.Methods)}") with { AllowedMethods = hook.Methods };
        }

        if (hook.ContentTypes.Count > 0 && !HasAllowedContentType(inbound, hook.ContentTypes))
        {
            return request.Outcome(ReceiveStatus.UnsupportedMediaType, $"hook '{hook.Name}' takes content types {string.Join(", ", hook.ContentTypes)}");
        }

        if (inbound.ContentLength > hook.MaxBodyBytes)
        {
            return TooLarge(request, hook.MaxBodyBytes);
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(inbound.Body, inbound.ContentLength, hook.MaxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // The server gave up on the body (too slow, cut short, over its own limit): the sender's fault, not ours,
            // so an answer that says so and one line in the log, not a 500 with a stack trace.
            return BodyFailed(request, ex);
        }

        if (body is null)
        {
            return TooLarge(request, hook.MaxBodyBytes);
        }

        request.Request = new WebhookRequest
        {
            RequestId = request.RequestId,
            HookName = hook.Name,
            Method = inbound.Method.ToUpperInvariant(),
            Path = inbound.Path,
            Headers = inbound.Headers,
            Query = inbound.Query,
            RouteValues = inbound.RouteValues,
            RemoteAddress = inbound.RemoteAddress,
            Body = body,
        };
        return await next();
    }

    private ReceiveOutcome BodyFailed(ReceiveWebhook request, BadHttpRequestException exception)
    {
        var (status, detail) = exception.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => (ReceiveStatus.RequestTimeout, "the request body did not arrive in time"),
            StatusCodes.Status413PayloadTooLarge => (ReceiveStatus.PayloadTooLarge, "the body exceeds the server's limit"),
            _ => (ReceiveStatus.BadRequest, "the request body could not be read: " + exception.Message),
        };
        Log.BodyNotRead(logger, request.Hook!.Name, request.RequestId, FailureLimiter.AddressKey(request.Inbound.RemoteAddress), detail);
        return request.Outcome(status, detail);
    }

    private static ReceiveOutcome TooLarge(ReceiveWebhook request, long limit) =>
        request.Outcome(ReceiveStatus.PayloadTooLarge, $"the body exceeds this hook's limit of {limit} bytes");

    /// <summary>Reads the body, or returns <c>null</c> as soon as it passes <paramref name="limit"/>.</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(declaredLength is > 0 ? (int)Math.Min(declaredLength.Value, limit) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static bool HasAllowedContentType(InboundWebhook inbound, IReadOnlyList<string> allowed)
    {
        var header = inbound.Headers.TryGetValue("Content-Type", out var values) && values.Length > 0 ? values[0] : null;
        return MediaTypeHeaderValue.TryParse(header, out var parsed)
            && allowed.Any(a => string.Equals(a, parsed.MediaType.Value, StringComparison.OrdinalIgnoreCase));
    }
}
