using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Bus.Nats.Configuration;
using Webhooks.Modular.Bus.Nats.Connection;
using Webhooks.Modular.Bus.Nats.Diagnostics;
using Webhooks.Modular.Bus.Nats.Relay;

namespace Webhooks.Modular.Bus.Nats.Consuming;

/// <summary>
/// A durable JetStream consumer that publishes what others put on the stream to the host's event bus, so that
/// event triggers start runs from it. Each message becomes one stored event whose id comes from the message
/// (its <c>Nats-Msg-Id</c>, else the stream and sequence), and is acknowledged only after that event and its runs
/// are committed: a redelivered message finds its event stored and starts nothing again. The events this host (or
/// another host on the same database) relayed are found in the store the same way and only acknowledged.
/// </summary>
internal sealed class EventConsumer(
    IEventBus bus, IEventStore events, NatsBusConnection nats, NatsBusOptions options, ILogger<EventConsumer> logger)
    : BackgroundService
{
    private static readonly KeyValuePair<string, object?> Started = new("webhooks.bus.outcome", "started");
    private static readonly KeyValuePair<string, object?> Known = new("webhooks.bus.outcome", "known");
    private static readonly KeyValuePair<string, object?> Rejected = new("webhooks.bus.outcome", "rejected");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await nats.EnsureStreamAsync(stoppingToken).ConfigureAwait(false);
                var config = new ConsumerConfig(options.Durable)
                {
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    AckWait = options.AckWait,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                    FilterSubject = options.FilterSubject,
                    MaxDeliver = -1,
                };
                var consumer = await nats.JetStream.CreateOrUpdateConsumerAsync(options.Stream, config, stoppingToken).ConfigureAwait(false);
                failures = 0;
                await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: stoppingToken).ConfigureAwait(false))
                {
                    await HandleAsync(message, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                nats.Failed();
                if (failures++ % 20 == 0)
                {
                    Log.ConsumerFailed(logger, options.Durable, options.Stream, ex.Message);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        var sequence = message.Metadata?.Sequence.Stream ?? 0;
        var id = EventIdOf(message, sequence);
        if (await events.GetEventAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            BusMetrics.Consumed.Add(1, Known);
            return;
        }

        string payload;
        try
        {
            payload = new UTF8Encoding(false, true).GetString(message.Data ?? []);
            using var _ = JsonDocument.Parse(payload);
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            // Redelivering cannot fix it: terminate, and say why.
            Log.MessageRejected(logger, sequence, message.Subject, $"the payload is not JSON text ({ex.Message})");
            await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            BusMetrics.Consumed.Add(1, Rejected);
            return;
        }

        try
        {
            var published = await bus.PublishAsync(
                new EventPublication(message.Subject, payload)
                {
                    EventId = id,
                    Via = EventRelay.ConsumedMethod,
                    RequestId = message.Headers?.TryGetValue("Webhooks-Request-Id", out var requestId) == true ? requestId.ToString() : null,
                },
                cancellationToken).ConfigureAwait(false);
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            BusMetrics.Consumed.Add(1, Started);
            Log.MessageConsumed(logger, sequence, message.Subject, id, published.RunIds.Count);
        }
        catch (ArgumentException ex)
        {
            Log.MessageRejected(logger, sequence, message.Subject, ex.Message);
            await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            BusMetrics.Consumed.Add(1, Rejected);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (await events.GetEventAsync(id, CancellationToken.None).ConfigureAwait(false) is null)
            {
                // Not committed (the store failed): NATS delivers it again after ackWait.
                throw;
            }

            // Another host committed the same message first (a redelivery raced it): its runs stand.
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            BusMetrics.Consumed.Add(1, Known);
        }
    }

    /// <summary>
    /// The stored event's id: the message id when it is a GUID (this host's own relayed events), a GUID derived
    /// from any other message id, else one derived from the stream and sequence (the same on every redelivery).
    /// </summary>
    internal static Guid EventIdOf(INatsJSMsg<byte[]> message, ulong sequence)
    {
        string? msgId = message.Headers?.TryGetValue("Nats-Msg-Id", out var value) == true ? value.ToString() : null;
        if (msgId is { Length: > 0 } && Guid.TryParse(msgId, out var guid))
        {
            return guid;
        }

        var key = msgId is { Length: > 0 } ? $"nats-msg-id:{msgId}" : $"nats-seq:{message.Metadata?.Stream}:{sequence}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var bytes = hash.AsSpan(0, 16).ToArray();

        // A version-8 (custom) GUID per RFC 9562, so it cannot be mistaken for a generated one.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
