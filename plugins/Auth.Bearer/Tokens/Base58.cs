using System.Numerics;

namespace Webhooks.Modular.Auth.Bearer.Tokens;

/// <summary>Base58 with the Bitcoin alphabet (no 0, O, I, l): readable tokens that survive copy and paste.</summary>
internal static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var characters = new List<char>(bytes.Length * 138 / 100 + 1);
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            characters.Add(Alphabet[(int)remainder]);
        }

        // Each leading zero byte is written as a leading '1'.
        for (var i = 0; i < bytes.Length && bytes[i] == 0; i++)
        {
            characters.Add(Alphabet[0]);
        }

        characters.Reverse();
        return new string([.. characters]);
    }
}
