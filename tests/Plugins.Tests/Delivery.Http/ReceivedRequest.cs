namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>One request a <see cref="LoopbackReceiver"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="Headers">The headers, names case-insensitive, repeated values comma-joined.</param>
/// <param name="Body">The body's bytes.</param>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header's value, or <c>null</c>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
