using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// The outbox side of an event: one delivery per destination that wants it, its body rendered now by the
/// destination's payload format, to be committed in the event's own transaction.
/// </summary>
internal sealed class DeliveryPlanner(DestinationCatalog catalog, IEnumerable<IPayloadFormat> formats, ILogger<DeliveryPlanner> logger)
{
    private readonly Dictionary<string, IPayloadFormat> _formats = formats.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a payload format some plugin provides.</summary>
    public bool HasFormat(string name) => _formats.ContainsKey(name);

    public async Task<IReadOnlyList<NewDelivery>> PlanAsync(PayloadContext context, CancellationToken cancellationToken)
    {
        var destinations = await catalog.MatchAsync(context.EventType, context.HookName, cancellationToken);
        if (destinations.Count == 0)
        {
            return [];
        }

        var deliveries = new List<NewDelivery>(destinations.Count);
        foreach (var destination in destinations)
        {
            var record = destination.Record;
            if (!_formats.TryGetValue(record.Format, out var format))
            {
                Log.PayloadFormatMissing(logger, record.Id, record.Format);
                continue;
            }

            RenderedPayload? payload;
            try
            {
                payload = format.Render(record, context);
            }
            catch (Exception ex)
            {
                // One destination's broken template must not refuse the event for everyone else.
                Log.PayloadRenderFailed(logger, record.Id, record.Format, ex);
                continue;
            }

            if (payload is not null)
            {
                deliveries.Add(new NewDelivery(
                    Guid.CreateVersion7(context.OccurredAt).ToString(), record.Id, context.EventType, payload.ContentType, payload.Body, context.OccurredAt));
            }
        }

        return deliveries;
    }
}
