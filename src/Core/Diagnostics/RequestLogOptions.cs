namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// The one-line-per-request log, from the app's configuration section <c>Webhooks:RequestLog</c>
/// (<c>--Webhooks:RequestLog:Enabled=false</c>, <c>Webhooks__RequestLog__Enabled=false</c>).
/// </summary>
public sealed class RequestLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks:RequestLog";

    /// <summary>Logs each accepted and each rejected webhook request at Information (event ids 1201 and 1202).</summary>
    public bool Enabled { get; set; } = true;
}
