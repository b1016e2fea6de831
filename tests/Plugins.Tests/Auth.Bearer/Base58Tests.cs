using Webhooks.Modular.Auth.Bearer.Tokens;

namespace Webhooks.Modular.Plugins.Tests.Auth.Bearer;

public sealed class Base58Tests
{
    // Vectors from Bitcoin Core's src/test/data/base58_encode_decode.json.
    [Theory]
    [InlineData("", "")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("636363", "aPEr")]
    [InlineData("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2")]
    [InlineData("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")]
    [InlineData("516b6fcd0f", "ABnLTmg")]
    [InlineData("00000000000000000000", "1111111111")]
    public void Encodes_the_published_vectors(string hex, string expected)
    {
        Assert.Equal(expected, Base58.Encode(Convert.FromHexString(hex)));
    }
}
