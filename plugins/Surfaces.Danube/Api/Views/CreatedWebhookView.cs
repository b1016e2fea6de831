using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>The 201 answer, exactly Danube's shape: the only time the secret is shown.</summary>
/// <param name="Id">The subscription's UUID.</param>
/// <param name="Url">The registered url.</param>
/// <param name="Events">The subscribed event types.</param>
/// <param name="IsActive">Always true on creation.</param>
/// <param name="Description">The description, or <c>null</c>.</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> + 48 hex characters.</param>
internal sealed record CreatedWebhookView(string Id, string Url, IReadOnlyList<string> Events, bool IsActive, string? Description, string Secret)
{
    public static CreatedWebhookView From(CreatedDestination created) => new(
        created.Destination.Id,
        created.Destination.Url,
        created.Destination.EventTypes,
        created.Destination.IsActive,
        WebhookView.DescriptionOf(created.Destination),
        created.Secret ?? throw new InvalidOperationException($"destination {created.Destination.Id} was created without a signing secret"));
}
