using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>Statuses as the API spells them, and back.</summary>
internal static class Statuses
{
    public const string RunValues = "queued, running, succeeded or failed";
    public const string DeliveryValues = "pending, success or failed";

    public static string Of(RunStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseRun(string text, out RunStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);

    public static bool TryParseDelivery(string text, out DeliveryStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
