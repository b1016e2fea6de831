using System.Text;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>Outbound messages for the channel's tests.</summary>
internal static class Messages
{
    public const string DeliveryId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    /// <summary>The time attempts are signed with: 2026-11-22T12:00:05Z.</summary>
    public static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(HttpChannel.StartUnixSeconds + 5);

    public static OutboundMessage To(
        Uri url,
        string signing = SigningSchemes.None,
        IReadOnlyList<string>? secrets = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string body = """{"type":"run.completed","data":{"runId":"r-1"}}""",
        string method = "POST",
        int attempt = 1) =>
        new(
            DeliveryId,
            "dest-1",
            "run.completed",
            attempt,
            url,
            method,
            "application/json",
            Encoding.UTF8.GetBytes(body),
            headers ?? new Dictionary<string, string>(),
            signing,
            secrets ?? [],
            Timestamp);
}
