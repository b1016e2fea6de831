using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Events;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>Checks destination fields; each failure is an <see cref="ArgumentException"/> whose parameter name is the field.</summary>
internal static class DestinationValidation
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH", "GET", "DELETE"];
    private static readonly string[] Signings = [SigningSchemes.StandardWebhooks, SigningSchemes.Danube, SigningSchemes.None];

    public static string Url(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException("url is required", "url");
        }

        if (url.Length > 2048)
        {
            throw new ArgumentException("url must be at most 2048 characters", "url");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("url must be an absolute http or https URL", "url");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("url must not contain a user name or password; use a stored credential", "url");
        }

        return url;
    }

    public static IReadOnlyList<string> EventTypes(IReadOnlyList<string>? eventTypes)
    {
        if (eventTypes is not { Count: > 0 })
        {
            throw new ArgumentException("events must name at least one event type", "events");
        }

        foreach (var type in eventTypes)
        {
            if (SubjectPattern.TryParse(type ?? string.Empty, allowWildcards: true, out var error) is null)
            {
                throw new ArgumentException($"events: '{type}' is not an event type: {error}", "events");
            }
        }

        return eventTypes.Distinct(StringComparer.Ordinal).ToArray();
    }

    public static void Spec(DestinationSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Owner))
        {
            throw new ArgumentException("owner is required", "owner");
        }

        Url(spec.Url);
        EventTypes(spec.EventTypes);
        if (!Methods.Contains(spec.Method, StringComparer.Ordinal))
        {
            throw new ArgumentException($"method must be one of {string.Join(", ", Methods)}", "method");
        }

        if (!Signings.Contains(spec.Signing, StringComparer.Ordinal))
        {
            throw new ArgumentException($"signing must be one of {string.Join(", ", Signings)}", "signing");
        }

        Description(spec.Description);
        Retry(spec.Retry);
        foreach (var (name, value) in spec.Headers)
        {
            Header(name, value, "headers");
        }
    }

    public static string? Description(string? description) =>
        description is { Length: > 500 } ? throw new ArgumentException("description must be at most 500 characters", "description") : description;

    public static void Header(string name, string value, string field)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => c is > ' ' and < (char)127 && !"()<>@,;:\\\"/[]?={}".Contains(c)))
        {
            throw new ArgumentException($"{field}: '{name}' is not a valid header name", field);
        }

        if (value.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new ArgumentException($"{field}: the value of '{name}' must not contain line breaks", field);
        }
    }

    private static void Retry(RetryPolicy retry)
    {
        var valid = retry.Kind switch
        {
            "none" => true,
            "fixed" => retry.MaxRetries is >= 0 and <= 100 && retry.DelaySeconds is >= 0 and <= 86_400,
            "exponential" => retry.ScheduleSeconds is { Count: > 0 and <= 100 } schedule && schedule.All(s => s is >= 0 and <= 86_400),
            _ => false,
        };
        if (!valid)
        {
            throw new ArgumentException(
                "retry must be none, fixed with 0-100 retries 0-86400 s apart, or exponential with 1-100 delays of 0-86400 s", "retry");
        }
    }
}
