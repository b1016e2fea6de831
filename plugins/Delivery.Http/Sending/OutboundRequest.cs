using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Delivery.Http.Diagnostics;
using Webhooks.Modular.Delivery.Http.Signing;

namespace Webhooks.Modular.Delivery.Http.Sending;

/// <summary>Turns one <see cref="OutboundMessage"/> into the HTTP request that carries it, signed.</summary>
internal static class OutboundRequest
{
    /// <summary>The request, or <c>null</c> with <paramref name="problem"/> saying why the message cannot be sent.</summary>
    /// <param name="message">The attempt.</param>
    /// <param name="userAgent">The <c>User-Agent</c> unless the message's headers give one.</param>
    /// <param name="logger">Where ignored headers are noted (by name).</param>
    /// <param name="problem">Why there is no request, or <c>null</c>.</param>
    public static HttpRequestMessage? Create(OutboundMessage message, string userAgent, ILogger logger, out string? problem)
    {
        if (!message.Url.IsAbsoluteUri || (message.Url.Scheme != Uri.UriSchemeHttp && message.Url.Scheme != Uri.UriSchemeHttps))
        {
            problem = "the destination URL is not an absolute http or https URL";
            return null;
        }

        if (string.IsNullOrEmpty(message.Method) || !ChannelHeaders.IsValidName(message.Method))
        {
            problem = $"'{message.Method}' is not an HTTP method";
            return null;
        }

        if (string.IsNullOrEmpty(message.DeliveryId) || !ChannelHeaders.IsValidValue(message.DeliveryId))
        {
            problem = "the delivery id cannot be sent in a header";
            return null;
        }

        var signatureHeaders = Signatures(message, out problem);
        if (signatureHeaders is null)
        {
            return null;
        }

        var method = new HttpMethod(message.Method.ToUpperInvariant());
        var request = new HttpRequestMessage(method, message.Url) { Version = System.Net.HttpVersion.Version11 };
        if (!message.Body.IsEmpty || (method != HttpMethod.Get && method != HttpMethod.Head))
        {
            request.Content = new ReadOnlyMemoryContent(message.Body);
            if (!string.IsNullOrWhiteSpace(message.ContentType)
                && !request.Content.Headers.TryAddWithoutValidation("Content-Type", message.ContentType))
            {
                request.Dispose();
                problem = "the message's content type is not a valid header value";
                return null;
            }
        }

        var ownUserAgent = false;
        foreach (var (name, value) in message.Headers)
        {
            if (ChannelHeaders.Reserved.Contains(name))
            {
                Log.ReservedHeaderIgnored(logger, message.DestinationId, name);
                continue;
            }

            if (!ChannelHeaders.IsValidName(name) || !ChannelHeaders.IsValidValue(value))
            {
                request.Dispose();
                problem = $"the destination's header '{(ChannelHeaders.IsValidName(name) ? name : "?")}' has an invalid name or value";
                return null;
            }

            ownUserAgent |= string.Equals(name, ChannelHeaders.UserAgent, StringComparison.OrdinalIgnoreCase);
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // Content-* headers belong to the content; without a body there is nothing to describe.
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (!ownUserAgent)
        {
            request.Headers.TryAddWithoutValidation(ChannelHeaders.UserAgent, userAgent);
        }

        request.Headers.TryAddWithoutValidation(ChannelHeaders.DeliveryId, message.DeliveryId);
        request.Headers.TryAddWithoutValidation(ChannelHeaders.Attempt, message.Attempt.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in signatureHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // The engine's delivery-attempt span, when something records it: the destination continues the webhook's trace.
        // Set here rather than left to HttpClient's propagation, which the guarded connector's handler does not do.
        if (System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C } current
            && !request.Headers.Contains("traceparent"))
        {
            request.Headers.TryAddWithoutValidation("traceparent", current.Id);
            if (current.TraceStateString is { Length: > 0 } state)
            {
                request.Headers.TryAddWithoutValidation("tracestate", state);
            }
        }

        return request;
    }

    private static List<KeyValuePair<string, string>>? Signatures(OutboundMessage message, out string? problem)
    {
        var timestamp = message.Timestamp.ToUnixTimeSeconds();
        switch (message.Signing)
        {
            case SigningSchemes.StandardWebhooks:
                return StandardWebhooksSignature.Sign(message.DeliveryId, timestamp, message.Body.Span, message.Secrets, out problem) is { } signature
                    ?
                    [
                        new(ChannelHeaders.WebhookId, message.DeliveryId),
                        new(ChannelHeaders.WebhookTimestamp, timestamp.ToString(CultureInfo.InvariantCulture)),
                        new(ChannelHeaders.WebhookSignature, signature),
                    ]
                    : null;

            case SigningSchemes.Danube:
                return DanubeSignature.Sign(timestamp, message.Body.Span, message.Secrets, out problem) is { } danube
                    ? [new(DanubeSignature.HeaderName, danube)]
                    : null;

            case SigningSchemes.None:
                problem = null;
                return [];

            default:
                problem = $"unknown signing scheme '{message.Signing}' (expected {SigningSchemes.StandardWebhooks}, {SigningSchemes.Danube} or {SigningSchemes.None})";
                return null;
        }
    }
}
