namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A rendered body.</summary>
/// <param name="Body">The bytes to send.</param>
/// <param name="ContentType">Their media type.</param>
public sealed record RenderedPayload(byte[] Body, string ContentType);
