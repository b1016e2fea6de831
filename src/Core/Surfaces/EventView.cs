using System.Text;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>A stored event as <c>GET /events/{id}</c> shows it: the body as text when it is UTF-8, always as base64.</summary>
internal sealed record EventView(
    Guid Id,
    string RequestId,
    string Hook,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string[]> Headers,
    IReadOnlyDictionary<string, string[]> Query,
    string? Body,
    string BodyBase64,
    string? RemoteAddress,
    DateTimeOffset ReceivedAt,
    string? Subject)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static EventView From(WebhookEvent stored) => new(
        stored.Id,
        stored.RequestId,
        stored.HookName,
        stored.Method,
        stored.Path,
        stored.Headers,
        stored.Query,
        TryDecode(stored.Body),
        Convert.ToBase64String(stored.Body),
        stored.RemoteAddress,
        stored.ReceivedAt,
        stored.Subject);

    private static string? TryDecode(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
