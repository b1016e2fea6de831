using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Security;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Console.Web.Access;
using Webhooks.Modular.Console.Web.Pages;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web.Endpoints;

/// <summary>
/// <c>/console/events</c>: the newest events, or those found by event id or request id, and one event with its raw body
/// and links to its runs and deliveries; read through the store's query contracts, as the management API reads them.
/// </summary>
internal sealed class EventEndpoints
{
    private const int PageSize = 50;
    private const int MaxChildren = 200;
    private const int MaxQueryLength = 200;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public void Map(IEndpointRouteBuilder console)
    {
        console.MapGet("/events", ListAsync).ExcludeFromDescription();
        console.MapGet("/events/{id}", ShowAsync).ExcludeFromDescription();
    }

    /// <summary>The bytes as UTF-8 text, or <c>null</c> when they are not UTF-8.</summary>
    public static string? Utf8(byte[] body)
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

    private static async Task<IResult> ListAsync(HttpContext context, string? q, string? hook, string? before, string? beforeId)
    {
        var (user, refusal) = await Gate.ReadAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        hook = string.IsNullOrWhiteSpace(hook) ? null : hook.Trim();
        if (query is { Length: > MaxQueryLength })
        {
            return await Render(context, user, new EventsModel(query[..MaxQueryLength], hook, [], null, $"Search for at most {MaxQueryLength} characters."));
        }

        var services = context.RequestServices;
        if (services.GetService<IEventQueries>() is not { } queries)
        {
            return await Render(context, user, new EventsModel(query, hook, [], null, "The storage plugin in use does not provide event queries."));
        }

        if (query is not null)
        {
            var found = new Dictionary<Guid, WebhookEvent>();
            if (Guid.TryParse(query, out var eventId)
                && await services.GetRequiredService<IEventStore>().GetEventAsync(eventId, context.RequestAborted).ConfigureAwait(false) is { } byId)
            {
                found[byId.Id] = byId;
            }

            foreach (var e in await queries.QueryEventsAsync(new EventQuery { RequestId = query, HookName = hook, Limit = PageSize }, context.RequestAborted).ConfigureAwait(false))
            {
                found.TryAdd(e.Id, e);
            }

            var events = found.Values.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).ToList();
            return await Render(context, user, new EventsModel(query, hook, events, null, null));
        }

        PageKey? after = null;
        if (before is not null || beforeId is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || !Guid.TryParse(beforeId, out var lastId))
            {
                return await Render(context, user, new EventsModel(null, hook, [], null, "The page link is not one the console gave: start from the newest events."));
            }

            after = new PageKey(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), lastId.ToString());
        }

        var rows = await queries.QueryEventsAsync(new EventQuery { HookName = hook, After = after, Limit = PageSize + 1 }, context.RequestAborted).ConfigureAwait(false);
        string? next = null;
        if (rows.Count > PageSize)
        {
            rows = rows.Take(PageSize).ToList();
            var last = rows[^1];
            next = $"{ConsoleCookies.Base}/events?before={last.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}&beforeId={last.Id}"
                + (hook is null ? string.Empty : "&hook=" + Uri.EscapeDataString(hook));
        }

        return await Render(context, user, new EventsModel(null, hook, rows, next, null));
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id)
    {
        var (user, refusal) = await Gate.ReadAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var services = context.RequestServices;
        if (!Guid.TryParse(id, out var eventId)
            || await services.GetRequiredService<IEventStore>().GetEventAsync(eventId, context.RequestAborted).ConfigureAwait(false) is not { } stored)
        {
            return await PageRenderer.RenderAsync<MessagePage>(
                context, user, new MessageModel("Event not found", $"No event has the id '{id}'."), StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        var runs = services.GetService<IRunQueries>() is { } runQueries
            ? await runQueries.QueryRunsAsync(new RunQuery { EventId = eventId, Limit = MaxChildren }, context.RequestAborted).ConfigureAwait(false)
            : null;
        var deliveries = services.GetService<IDeliveryQueries>() is { } deliveryQueries
            ? await deliveryQueries.QueryDeliveriesAsync(new DeliveryQuery { EventId = eventId, Limit = MaxChildren }, context.RequestAborted).ConfigureAwait(false)
            : null;
        var model = new EventModel(stored, CredentialHeaders.Redact(stored.Headers), Utf8(stored.Body), runs, deliveries);
        return await PageRenderer.RenderAsync<EventPage>(context, user, model).ConfigureAwait(false);
    }

    private static Task<IResult> Render(HttpContext context, Abstractions.Auth.ApiUser? user, EventsModel model) =>
        PageRenderer.RenderAsync<EventsPage>(context, user, model);
}
