namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// The failure reasons, for the operator's log. They never include a signature or a secret: a presented signature
/// is not secret, but echoing it back invites treating logs as an oracle, and nothing is learned from it.
/// </summary>
internal static class SignatureFailures
{
    public const string Malformed = "malformed signature header";
    public const string UnsupportedEncoding = "unsupported encoding";
    public const string StaleTimestamp = "stale timestamp";
    public const string FutureTimestamp = "timestamp in the future";
    public const string NoMatch = "no signature matched";

    /// <summary>A required header is absent or empty.</summary>
    /// <param name="header">The header's name.</param>
    public static string Missing(string header) => $"missing header {header}";
}
