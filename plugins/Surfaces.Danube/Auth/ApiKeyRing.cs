using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Surfaces.Danube.Auth;

/// <summary>
/// The API keys of the <c>apiKeys</c> setting, kept as SHA-256 digests: a presented key is hashed and compared with
/// every digest in constant time, so neither the answer nor its timing says how much of a key was right.
/// </summary>
/// <param name="digests">The keys' SHA-256 digests.</param>
internal sealed class ApiKeyRing(IReadOnlyList<byte[]> digests)
{
    /// <summary>How many keys there are.</summary>
    public int Count => digests.Count;

    /// <summary>The SHA-256 digest of a key's UTF-8 bytes.</summary>
    /// <param name="key">The key.</param>
    public static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The number (from 1) of the key <paramref name="presented"/> is, or <c>null</c> when it is none of them.</summary>
    /// <param name="presented">What the caller sent.</param>
    public int? Find(string presented)
    {
        if (digests.Count == 0)
        {
            return null;
        }

        var digest = Digest(presented);
        int? found = null;

        // Every digest is compared, whichever matches.
        for (var i = 0; i < digests.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, digests[i]))
            {
                found ??= i + 1;
            }
        }

        return found;
    }
}
