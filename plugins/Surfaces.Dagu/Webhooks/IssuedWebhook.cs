namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>A webhook with its new token: the answer to creating one or regenerating its token, the only times the token is shown.</summary>
/// <param name="Webhook">The webhook.</param>
/// <param name="Token">The full token, <c>dagu_wh_</c> followed by base58 of 32 random bytes.</param>
internal sealed record IssuedWebhook(WebhookView Webhook, string Token);
