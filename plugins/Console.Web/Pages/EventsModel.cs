using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>The events page: what was searched for, what was found, and the link to the next (older) page.</summary>
/// <param name="Query">The search box: an event id or a request id.</param>
/// <param name="Hook">The hook filter.</param>
/// <param name="Events">The events, newest first.</param>
/// <param name="Next">The next page's address, if there is one.</param>
/// <param name="Error">What was wrong with the search, or why it cannot run.</param>
public sealed record EventsModel(string? Query, string? Hook, IReadOnlyList<WebhookEvent> Events, string? Next, string? Error);
