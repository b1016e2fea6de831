namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>A task run's state.</summary>
/// <param name="Current"><c>SUCCESS</c> or <c>FAILED</c>.</param>
internal sealed record TaskRunStateView(string Current);
