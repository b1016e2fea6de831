using System.Text.RegularExpressions;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>The <see cref="IWebhookReceiver"/> API surfaces call: it sends the request down the MediatR pipeline.</summary>
internal sealed partial class WebhookReceiver(IMediator mediator, IOptionsMonitor<RequestLogOptions> logOptions, ILogger<WebhookReceiver> logger) : IWebhookReceiver
{
    public async Task<ReceiveOutcome> ReceiveAsync(InboundWebhook webhook, CancellationToken cancellationToken)
    {
        // A caller's request id is kept for tracing when it is a plain token; otherwise the host makes one.
        var requestId = webhook.RequestId is { } given && SafeRequestId().IsMatch(given)
            ? given
            : Guid.CreateVersion7().ToString();
        var outcome = await mediator.Send(new ReceiveWebhook(webhook, requestId), cancellationToken);
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

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex SafeRequestId();
}
