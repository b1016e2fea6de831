namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>The rotate-secret answer: the new secret, shown this once.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Secret">The new signing secret.</param>
internal sealed record SecretView(string Id, string Secret);
