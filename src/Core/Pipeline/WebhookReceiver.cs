using System.Diagnostics;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// The <see cref="IWebhookReceiver"/> API surfaces call: it sends the request down the MediatR pipeline, inside the
/// <c>webhooks.receive</c> span, counts its outcome and logs it.
/// </summary>
internal sealed partial class WebhookReceiver(
    IMediator mediator, TimeProvider clock, IOptionsMonitor<RequestLogOptions> logOptions, RejectionLog rejections, ILogger<WebhookReceiver> logger)
    : IWebhookReceiver
{
    public async Task<ReceiveOutcome> ReceiveAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        // A caller's request id is kept for tracing when it is a plain token; otherwise the host makes one.
        var requestId = webhook.RequestId is { } given && SafeRequestId().IsMatch(given)
            ? given
            : Guid.CreateVersion7().ToString();
        var started = clock.GetTimestamp();

        // The sender's traceparent is continued, unless the host's own HTTP instrumentation already did (Activity.Current).
        // (Passing Activity.Current's context explicitly would lose the in-process Parent link, so it is left implicit.)
        using var activity = !EngineActivities.Source.HasListeners() ? null
            : Activity.Current is null
                ? EngineActivities.Source.StartActivity(EngineActivities.Receive, ActivityKind.Server, EngineActivities.ParentFrom(webhook.Headers))
                : EngineActivities.Source.StartActivity(EngineActivities.Receive, ActivityKind.Server);
        activity?.SetTag("webhooks.request_id", requestId);
        activity?.SetTag("webhooks.hook", webhook.HookName);

        var receive = new ReceiveWebhook(webhook, requestId);
        var outcome = await mediator.Send(receive, cancellationToken);

        var status = StatusName(outcome.Status);
        activity?.SetTag("webhooks.outcome", status);
        if (outcome.EventId is { } eventId)
        {
            activity?.SetTag("webhooks.event_id", eventId.ToString());
        }

        if (outcome.Status is not (ReceiveStatus.Accepted or ReceiveStatus.NotTriggered))
        {
            activity?.SetStatus(ActivityStatusCode.Error, status);
        }

        // An unknown hook's name comes from the URL: labelled by it, anyone could grow the series without bound.
        var hook = new KeyValuePair<string, object?>("webhooks.hook", outcome.Status == ReceiveStatus.HookNotFound ? "_unknown" : webhook.HookName);
        var result = new KeyValuePair<string, object?>("webhooks.outcome", status);
        EngineMetrics.Received.Add(1, hook, result);
        EngineMetrics.AcceptDuration.Record(clock.GetElapsedTime(started).TotalSeconds, hook, result);
        if (outcome.Status == ReceiveStatus.TooManyRequests)
        {
            EngineMetrics.RateLimited.Add(1, hook);
        }

        if (outcome.Status is not (ReceiveStatus.Accepted or ReceiveStatus.NotTriggered or ReceiveStatus.HookNotFound))
        {
            KeepRejection(receive, outcome);
        }

        if (logOptions.CurrentValue.Enabled && logger.IsEnabled(LogLevel.Information))
        {
            LogOutcome(webhook.HookName, outcome);
        }

        return outcome;
    }

    private void LogOutcome(string hook, ReceiveOutcome outcome)
    {
        var status = outcome.Status.ToString();
        if (outcome.Status is ReceiveStatus.Accepted or ReceiveStatus.NotTriggered)
        {
            Log.RequestAccepted(logger, hook, outcome.RequestId, status, outcome.Replayed ? ", a repeat of an accepted request" : string.Empty);
            return;
        }

        // The detail is what the caller was told; an authentication failure's reason is in its own warning (1001),
        // never here, and neither a body nor a credential is in either.
        Log.RequestRejected(logger, hook, outcome.RequestId, status, outcome.Detail ?? Describe(outcome.Status));
    }

    // Header names only: their values may be a signature or a credential, and the body is never kept.
    private void KeepRejection(ReceiveWebhook receive, ReceiveOutcome outcome)
    {
        var inbound = receive.Inbound;
        var reason = outcome.Status == ReceiveStatus.Unauthorized && receive.Auth is { FailureReason: { } failure }
            ? failure
            : outcome.Detail ?? Describe(outcome.Status);
        rejections.Add(inbound.HookName, new RejectedRequest(
            clock.GetUtcNow(),
            outcome.RequestId,
            inbound.RemoteAddress?.ToString(),
            Surfaces.OutcomeResults.StatusCodeOf(outcome.Status),
            StatusName(outcome.Status),
            reason,
            [.. inbound.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase)]));
    }

    private static string Describe(ReceiveStatus status) => status switch
    {
        ReceiveStatus.HookNotFound => "no such hook",
        ReceiveStatus.MethodNotAllowed => "method not allowed",
        ReceiveStatus.PayloadTooLarge => "body over the hook's limit",
        ReceiveStatus.UnsupportedMediaType => "content type not accepted",
        ReceiveStatus.Unauthorized => "authentication failed",
        ReceiveStatus.Forbidden => "forbidden",
        ReceiveStatus.Duplicate => "duplicate",
        ReceiveStatus.BadRequest => "bad request",
        ReceiveStatus.RequestTimeout => "body not received in time",
        ReceiveStatus.TooManyRequests => "too many failed authentications",
        _ => status.ToString(),
    };

    /// <summary>The outcome as a metric label: the status in snake case (<c>accepted</c>, <c>too_many_requests</c>).</summary>
    internal static string StatusName(ReceiveStatus status) => status switch
    {
        ReceiveStatus.Accepted => "accepted",
        ReceiveStatus.NotTriggered => "not_triggered",
        ReceiveStatus.HookNotFound => "hook_not_found",
        ReceiveStatus.MethodNotAllowed => "method_not_allowed",
        ReceiveStatus.PayloadTooLarge => "payload_too_large",
        ReceiveStatus.UnsupportedMediaType => "unsupported_media_type",
        ReceiveStatus.Unauthorized => "unauthorized",
        ReceiveStatus.Forbidden => "forbidden",
        ReceiveStatus.Duplicate => "duplicate",
        ReceiveStatus.BadRequest => "bad_request",
        ReceiveStatus.RequestTimeout => "request_timeout",
        ReceiveStatus.TooManyRequests => "too_many_requests",
        _ => status.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex SafeRequestId();
}
