namespace Webhooks.Modular.Api.Management.Views;

/// <summary>How to rotate: how long the previous secret keeps signing.</summary>
/// <param name="GraceHours">Hours, 0 to 720 (24 when left out).</param>
internal sealed record RotateRequest(double? GraceHours);
