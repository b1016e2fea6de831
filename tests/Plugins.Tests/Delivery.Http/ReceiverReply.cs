namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>How a <see cref="LoopbackReceiver"/> answers.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body.</param>
/// <param name="Headers">Response headers.</param>
/// <param name="Delay">How long to wait before answering (nothing is sent meanwhile).</param>
internal sealed record ReceiverReply(int Status = 200, byte[]? Body = null, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static ReceiverReply Text(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(body), headers);
}
