using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Auth.Bearer.Tokens;

/// <summary>
/// Hashes tokens with HMAC-SHA256 under the host's key. Tokens carry 256 bits of randomness, so a fast keyed hash
/// is right: a slow password hash per request would only cost time, and the key keeps a stolen table useless.
/// </summary>
internal sealed class TokenHasher(byte[] key)
{
    public byte[] Hash(string token) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token));
}
