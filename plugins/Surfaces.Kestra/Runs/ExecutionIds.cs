using System.Numerics;

namespace Webhooks.Modular.Surfaces.Kestra.Runs;

/// <summary>
/// Execution ids in Kestra's shape: 22 base62 characters. Each encodes a UUIDv7, so ids are unique across the store
/// (where they are run ids) and sort by creation time.
/// </summary>
internal static class ExecutionIds
{
    public const int Length = 22;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new execution id.</summary>
    /// <param name="clock">The clock the UUIDv7's time comes from.</param>
    public static string New(TimeProvider clock) => Encode(Guid.CreateVersion7(clock.GetUtcNow()));

    /// <summary>The id of a UUID: its 128 bits in base62, most significant first, padded to 22 characters.</summary>
    /// <param name="id">The UUID.</param>
    internal static string Encode(Guid id)
    {
        var value = new BigInteger(id.ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);
        var characters = new char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            characters[i] = Alphabet[(int)(value % Alphabet.Length)];
            value /= Alphabet.Length;
        }

        return new string(characters);
    }
}
