namespace Webhooks.Modular.Abstractions.Surfaces;

/// <summary>
/// Endpoint metadata: the request body a route reads itself, for the host's API document only. Unlike ASP.NET Core's
/// <c>.Accepts</c>, it does not make routing refuse other content types with 415 (a surface checks its own).
/// </summary>
/// <param name="BodyType">The body's type, for its schema.</param>
/// <param name="ContentTypes">The media types the route reads.</param>
public sealed record ApiRequestBody(Type BodyType, IReadOnlyList<string> ContentTypes);
