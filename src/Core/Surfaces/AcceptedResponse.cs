namespace Webhooks.Modular.Core.Surfaces;

/// <summary>The body of a 200 from the generic surface.</summary>
/// <param name="RequestId">The inbound request's id.</param>
/// <param name="EventId">The stored event.</param>
/// <param name="RunId">The run started (the first, when several).</param>
/// <param name="RunIds">All runs started.</param>
internal sealed record AcceptedResponse(string RequestId, Guid? EventId, string? RunId, IReadOnlyList<string> RunIds);
