using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>A newly issued token: the only moment the token itself exists outside the caller's hands.</summary>
/// <param name="Token">The full token, to show once.</param>
/// <param name="Record">What is stored (its hash and visible prefix).</param>
public sealed record IssuedToken(string Token, AuthTokenRecord Record);
