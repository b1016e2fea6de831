namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>Dagu's error body: <c>{"code","message"}</c>.</summary>
/// <param name="Code">A stable code, such as <c>not_found</c> or <c>already_exists</c>.</param>
/// <param name="Message">What happened, for people.</param>
internal sealed record ApiError(string Code, string Message);
