namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>The answer to listing every DAG webhook: <c>{"webhooks": [...]}</c>.</summary>
/// <param name="Webhooks">The webhooks, without their tokens.</param>
internal sealed record WebhookList(IReadOnlyList<WebhookView> Webhooks);
