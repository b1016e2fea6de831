using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Webhooks.Modular.Host;

/// <summary>
/// The minimum rate a request body must arrive at, from configuration (<c>appsettings.json</c>, environment
/// variables <c>Kestrel__Limits__MinRequestBodyDataRate__BytesPerSecond</c>, or <c>--Kestrel:Limits:...</c>):
/// a sender that trickles or stalls its body is answered 408 once the grace period is over. Kestrel's defaults
/// (240 bytes/s after a 5 s grace period) apply when nothing is set.
/// </summary>
internal static class KestrelLimits
{
    public const string BytesPerSecondKey = "Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond";
    public const string GracePeriodKey = "Kestrel:Limits:MinRequestBodyDataRate:GracePeriod";

    public static void Apply(IConfiguration configuration, KestrelServerLimits limits)
    {
        var bytesText = configuration[BytesPerSecondKey];
        var graceText = configuration[GracePeriodKey];
        if (bytesText is null && graceText is null)
        {
            return;
        }

        var current = limits.MinRequestBodyDataRate;
        var bytesPerSecond = current?.BytesPerSecond ?? 240;
        if (bytesText is not null && (!double.TryParse(bytesText, NumberStyles.Float, CultureInfo.InvariantCulture, out bytesPerSecond) || bytesPerSecond < 0))
        {
            throw new ArgumentException($"{BytesPerSecondKey}: must be a number of bytes per second, 0 for no minimum (got '{bytesText}')");
        }

        var grace = current?.GracePeriod ?? TimeSpan.FromSeconds(5);
        if (graceText is not null && (!TimeSpan.TryParse(graceText, CultureInfo.InvariantCulture, out grace) || grace <= TimeSpan.FromSeconds(1)))
        {
            // Kestrel checks the rate once a second, and refuses a grace period of a second or less.
            throw new ArgumentException($"{GracePeriodKey}: must be a time span above one second, such as 00:00:05 (got '{graceText}')");
        }

        limits.MinRequestBodyDataRate = bytesPerSecond == 0 ? null : new MinDataRate(bytesPerSecond, grace);
    }
}
