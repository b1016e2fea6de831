namespace Webhooks.Modular.Delivery.Http.Network;

/// <summary>
/// Thrown from the connect callback when every address a host resolved to was refused. The handler wraps it in
/// an <see cref="HttpRequestException"/>; the channel unwraps it into a failed attempt, so it never escapes.
/// </summary>
/// <param name="reason">Each refused address and why, such as <c>127.0.0.1 is loopback and not in allowedNetworks</c>.</param>
internal sealed class AddressRefusedException(string reason) : Exception(reason)
{
    /// <summary>Each refused address and why.</summary>
    public string Reason { get; } = reason;
}
