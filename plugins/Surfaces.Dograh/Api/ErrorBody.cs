namespace Webhooks.Modular.Surfaces.Dograh.Api;

/// <summary>An error answer, in FastAPI's shape as Dograh's API gives it: <c>{"detail": "..."}</c>, plus the field at fault.</summary>
/// <param name="Detail">What went wrong, for people.</param>
/// <param name="Field">The request field at fault (such as <c>credential_data.api_key</c>), when there is one.</param>
internal sealed record ErrorBody(string Detail, string? Field = null);
