namespace Webhooks.Modular.Api.Management.Paging;

/// <summary>The <c>eventId</c> filter the run and delivery lists take: blank means every event, anything else a UUID.</summary>
internal static class EventIdFilter
{
    /// <summary>Reads <paramref name="text"/>; <c>false</c> with the message naming the bad value when it is not a UUID.</summary>
    public static bool TryParse(string? text, out Guid? eventId, out string? error)
    {
        eventId = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!Guid.TryParse(text, out var parsed))
        {
            error = $"eventId must be an event id (a UUID), not '{text}'";
            return false;
        }

        eventId = parsed;
        return true;
    }
}
