using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>Destinations as the engine stores what a surface declares.</summary>
internal static class StoredDestinations
{
    public static readonly DateTimeOffset Created = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static DestinationRecord From(DestinationSpec spec) => new(
        spec.Id ?? Guid.NewGuid().ToString(),
        spec.Owner,
        spec.Url,
        spec.Method,
        spec.EventTypes,
        spec.HookName,
        spec.Description,
        spec.IsActive,
        null,
        spec.Channel,
        spec.Format,
        spec.Signing,
        [],
        spec.Headers,
        spec.CredentialId,
        spec.Template,
        spec.Retry,
        Created,
        Created,
        null);
}
