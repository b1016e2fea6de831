namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>An event as payload formats see it.</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="EventType">Its type (subject).</param>
/// <param name="HookName">The hook it came from (the inbound hook, or the hook whose run finished), or <c>null</c>.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="PayloadJson">Its payload, a JSON text.</param>
public sealed record PayloadContext(Guid EventId, string EventType, string? HookName, DateTimeOffset OccurredAt, string PayloadJson);
