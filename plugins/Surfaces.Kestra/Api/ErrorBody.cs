namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>Kestra's error body.</summary>
/// <param name="Message">The status's reason phrase and what happened, such as <c>Not Found: Flow not found</c>.</param>
internal sealed record ErrorBody(string Message);
