namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>An event as an <see cref="IEventFeed"/> returns it.</summary>
/// <param name="Position">Where it is in the feed.</param>
/// <param name="Event">The event.</param>
public sealed record FeedEvent(EventFeedPosition Position, WebhookEvent Event);
