using Microsoft.AspNetCore.Http;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>
/// Answers an <see cref="ArgumentException"/> of <see cref="IDestinationManager"/> or the event bus. Input the engine
/// refuses after this surface's own checks (a request field) is a 400 naming the field as this API spells it; a
/// refusal of what this surface itself chose (no <c>http</c> channel or <c>danube</c> format deployed) is the
/// deployment's fault, a 500 that says so.
/// </summary>
internal static class ManagerErrors
{
    public static IResult Answer(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.ParamName switch
        {
            "url" or "Url" => "url",
            "events" or "eventTypes" or "EventTypes" => "events",
            "description" or "Description" => "description",
            "isActive" or "IsActive" => "is_active",
            "subject" => "event",
            "payloadJson" => "data",
            _ => null,
        };

        // ArgumentException appends " (Parameter 'x')"; the field is given apart.
        var message = exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : exception.Message;
        if (field is null)
        {
            return DanubeResults.Error(StatusCodes.Status500InternalServerError, $"the deployment cannot serve this request: {message}");
        }

        return DanubeResults.Invalid(new RequestError(field, message.Contains(field, StringComparison.Ordinal) ? message : $"{field}: {message}"));
    }
}
