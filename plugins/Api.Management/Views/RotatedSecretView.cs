namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A new signing secret, shown this once.</summary>
/// <param name="DestinationId">The destination.</param>
/// <param name="Secret">The new secret, in clear.</param>
/// <param name="PreviousSecretValidUntil">Until when the previous secret still signs (both signatures are sent).</param>
internal sealed record RotatedSecretView(string DestinationId, string Secret, DateTimeOffset PreviousSecretValidUntil);
