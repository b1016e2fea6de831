namespace Company.WebhooksPlugin;

/// <summary>The plugin-level settings the echo action uses.</summary>
/// <param name="Prefix">Written before every output.</param>
public sealed record EchoOptions(string Prefix);
