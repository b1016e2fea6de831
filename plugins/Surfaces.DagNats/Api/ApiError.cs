namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>Every error's body: <c>{"error": "..."}</c>.</summary>
/// <param name="Error">What went wrong, for people; never which signature check failed.</param>
internal sealed record ApiError(string Error);
