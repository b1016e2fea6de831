namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A stored outbound credential (Dograh's NONE, API_KEY, BEARER_TOKEN, BASIC_AUTH, CUSTOM_HEADER).</summary>
/// <param name="Id">Its id (a UUID), which destinations reference.</param>
/// <param name="Name">A name for people.</param>
/// <param name="Type">One of <see cref="CredentialTypes"/>.</param>
/// <param name="ProtectedData">Its fields as JSON, encrypted.</param>
/// <param name="Hint">A masked form safe to show, such as <c>sk-…9f2</c>.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record CredentialRecord(string Id, string Name, string Type, string ProtectedData, string Hint, DateTimeOffset CreatedAt);
