using System.Net;
using System.Net.Http.Headers;

namespace Webhooks.Modular.Delivery.Http.Sending;

/// <summary>Reads the delay a 429 or 503 asks for in <c>Retry-After</c>: delta seconds or an HTTP date.</summary>
internal static class RetryAfter
{
    /// <summary>The requested delay, or <c>null</c> when the status is not 429/503 or the header is missing or unparsable.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for a date.</param>
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || !response.Headers.NonValidated.TryGetValues("Retry-After", out var values)
            || values.Count != 1)
        {
            return null;
        }

        return Parse(values.ToString(), now);
    }

    /// <summary>Parses one <c>Retry-After</c> value; a date in the past means "now" (zero).</summary>
    /// <param name="value">The header's value.</param>
    /// <param name="now">The current time.</param>
    public static TimeSpan? Parse(string value, DateTimeOffset now)
    {
        if (!RetryConditionHeaderValue.TryParse(value, out var parsed))
        {
            return null;
        }

        if (parsed.Delta is { } delta)
        {
            return delta;
        }

        return parsed.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }
}
