using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Bus.Nats.Configuration;
using Webhooks.Modular.Bus.Nats.Connection;
using Webhooks.Modular.Bus.Nats.Diagnostics;

namespace Webhooks.Modular.Bus.Nats.Relay;

/// <summary>
/// The outbox relay: reads committed events from the store's feed after the saved cursor, publishes each to
/// JetStream on its subject with <c>Nats-Msg-Id</c> = the event id, and saves the cursor once JetStream has
/// acknowledged the batch. The store stays the source of truth: while NATS is down nothing moves and accepting goes
/// on; afterwards the relay resumes at the cursor. At least once: a crash between publishing and saving the cursor
/// publishes a batch again, which JetStream drops as duplicates within its window. Hosts sharing a database share the
/// cursor (it only moves forward) and may publish the same batch at once; the message id makes that harmless too.
/// </summary>
internal sealed class EventRelay(
    IEventFeed feed, NatsBusConnection nats, NatsBusOptions options, RelayStatus status, TimeProvider clock, ILogger<EventRelay> logger)
    : BackgroundService
{
    /// <summary>How a stored event was made by the consumer (it came from NATS; relaying it would send it back).</summary>
    public const string ConsumedMethod = "NATS";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var gauge = BusMetrics.ObserveLag(() => status.Lag.TotalSeconds);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var position = EventFeedPosition.Start;
            try
            {
                position = await feed.GetCursorAsync(options.RelayCursor, stoppingToken).ConfigureAwait(false);
                var batch = await feed.ReadAfterAsync(position, options.RelayBatchSize, stoppingToken).ConfigureAwait(false);
                status.SetLag(batch.Count == 0 ? TimeSpan.Zero : clock.GetUtcNow() - batch[0].Event.ReceivedAt);
                if (batch.Count == 0)
                {
                    await Task.Delay(options.RelayPollInterval, clock, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await nats.EnsureStreamAsync(stoppingToken).ConfigureAwait(false);
                foreach (var item in batch)
                {
                    await PublishAsync(item.Event, stoppingToken).ConfigureAwait(false);
                }

                await feed.SaveCursorAsync(options.RelayCursor, batch[^1].Position, stoppingToken).ConfigureAwait(false);
                status.AddRelayed(batch.Count);
                status.LastError = null;
                if (failures > 0)
                {
                    Log.RelayResumed(logger, options.Stream, batch[^1].Position.ToString());
                    failures = 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // NATS down, the stream missing, the store busy: wait and start again from the saved cursor.
                nats.Failed();
                status.LastError = ex.Message;
                if (failures++ % 20 == 0)
                {
                    Log.RelayFailed(logger, options.Stream, position.ToString(), ex.Message);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PublishAsync(WebhookEvent stored, CancellationToken cancellationToken)
    {
        if (string.Equals(stored.Method, ConsumedMethod, StringComparison.Ordinal))
        {
            BusMetrics.Relayed.Add(1, new KeyValuePair<string, object?>("webhooks.bus.outcome", "skipped"));
            return;
        }

        var subject = stored.Subject ?? $"event.webhook.{stored.HookName}";
        if (!options.Subjects.Any(pattern => NatsSubject.Matches(pattern, subject)))
        {
            Log.NotRelayed(logger, stored.Id, subject, options.Stream);
            BusMetrics.Relayed.Add(1, new KeyValuePair<string, object?>("webhooks.bus.outcome", "skipped"));
            return;
        }

        var headers = new NatsHeaders
        {
            ["Webhooks-Event-Id"] = stored.Id.ToString(),
            ["Webhooks-Request-Id"] = stored.RequestId,
            ["Webhooks-Received-At"] = stored.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (stored.HookName.Length > 0)
        {
            headers["Webhooks-Hook"] = stored.HookName;
        }

        if (stored.Headers.TryGetValue("Content-Type", out var contentType) && contentType.Length > 0)
        {
            headers["Content-Type"] = contentType[0];
        }

        var ack = await nats.JetStream.PublishAsync(
            subject,
            stored.Body,
            opts: new NatsJSPubOpts { MsgId = stored.Id.ToString() },
            headers: headers,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        // Not EnsureSuccess: it throws on a duplicate, which here is success (another host, or a batch published again
        // after a crash, got there first; the stream holds the message once).
        if (ack.Error is { } error)
        {
            throw new InvalidOperationException($"JetStream refused event {stored.Id} on {subject}: {error.Code} {error.Description}");
        }

        BusMetrics.Relayed.Add(1, new KeyValuePair<string, object?>("webhooks.bus.outcome", ack.Duplicate ? "duplicate" : "relayed"));
    }
}
