namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>What <c>sign.js</c> answers: every header the provider sends, and which library signed and checked them.</summary>
/// <param name="Headers">The headers, signature included, as the provider sends them.</param>
/// <param name="SignedWith">The library (name@version and function) that made the signature.</param>
/// <param name="CheckedWith">The provider's verifier that accepted the request before the test sent it.</param>
internal sealed record SignedRequest(IReadOnlyList<(string Name, string Value)> Headers, string SignedWith, string CheckedWith)
{
    public string Header(string name) => Headers.Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
