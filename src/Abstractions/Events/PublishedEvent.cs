namespace Webhooks.Modular.Abstractions.Events;

/// <summary>An event as published: its id and the runs the matching triggers started.</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="RunIds">The runs started, one per matching trigger (empty when nothing matched).</param>
public sealed record PublishedEvent(Guid EventId, string Subject, IReadOnlyList<string> RunIds);
