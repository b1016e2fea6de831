namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>The notices a page shows after a change, by the code its redirect carries; unknown codes show nothing.</summary>
internal static class Notices
{
    public const string Replayed = "replayed";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";

    public static string? Text(string? code) => code switch
    {
        Replayed => "Replay queued: the delivery is pending and will be sent again with a fresh retry budget.",
        Enabled => "Destination enabled: its pending deliveries resume.",
        Disabled => "Destination disabled: its deliveries wait until it is enabled.",
        _ => null,
    };
}
