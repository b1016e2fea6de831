using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>New signing secrets, in the form each scheme's receivers expect.</summary>
internal static class SecretGenerator
{
    /// <summary>
    /// Standard Webhooks: <c>whsec_</c> + base64 of 32 random bytes (the spec asks for 24 to 64). Danube:
    /// <c>whsec_</c> + 48 lower-hex characters (24 random bytes), the form its documentation shows, used whole as the key.
    /// </summary>
    public static string? For(string signing) => signing switch
    {
        SigningSchemes.StandardWebhooks => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        SigningSchemes.Danube => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
        _ => null,
    };
}
