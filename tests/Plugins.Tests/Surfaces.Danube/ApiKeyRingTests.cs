using Webhooks.Modular.Surfaces.Danube.Auth;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

public sealed class ApiKeyRingTests
{
    [Fact]
    public void A_key_is_found_by_its_number_and_nothing_else_matches()
    {
        var ring = new ApiKeyRing([ApiKeyRing.Digest("first-key-0123456789"), ApiKeyRing.Digest("second-key-0123456789")]);

        Assert.Equal(1, ring.Find("first-key-0123456789"));
        Assert.Equal(2, ring.Find("second-key-0123456789"));
        Assert.Null(ring.Find("first-key-012345678"));
        Assert.Null(ring.Find("first-key-0123456789 "));
        Assert.Null(ring.Find(string.Empty));
    }

    [Fact]
    public void Without_keys_nothing_matches()
    {
        Assert.Null(new ApiKeyRing([]).Find("anything-at-all-0123"));
    }

    [Fact]
    public void Only_digests_are_kept()
    {
        var digest = ApiKeyRing.Digest("first-key-0123456789");

        Assert.Equal(32, digest.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData("first-key-0123456789"u8), digest);
    }
}
