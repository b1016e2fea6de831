using Webhooks.Modular.Abstractions.Auth;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>
/// The presets that sign only the body: generic, github, dagnats, shopify. Expected signatures are literals computed
/// outside this code (the openssl command is next to each) or published by the provider.
/// </summary>
public sealed class HeaderPresetTests
{
    private const string Body = """{"event":"push"}""";

    // printf '%s' '{"event":"push"}' | openssl dgst -sha256 -hmac 'generic-secret'
    private const string Sha256Hex = "08f57d3a80f6c2ecff6085f5881ace7a8f1546c93dd87eb4f09d2468bb33f826";

    // printf '%s' '{"event":"push"}' | openssl dgst -sha256 -hmac 'generic-secret-2'
    private const string Sha256HexSecond = "05b8b2d6aa62a9aa7edd5b4f8754e0103383655532c4b5048a3d8d5b75e1d73f";

    // printf '%s' '{"event":"push"}' | openssl dgst -sha1 -hmac 'generic-secret'
    private const string Sha1Hex = "1c831da3b522dc3752831535a70b1836a0a6b43e";

    // printf '%s' '{"event":"push"}' | openssl dgst -sha512 -hmac 'generic-secret' -binary | base64 -w0
    private const string Sha512Base64 = "DFiwEmaKiV6Wm9XZv0ag49Bd2h0+MNU+tgOd0MBvgUgg74I4gCG1clJMLnpMyzRn03IlBSuQG/r/V/5y5iIIuw==";

    // printf '%s' '{"event":"push"}' | openssl dgst -sha256 -hmac 'generic-secret' -binary | base64 -w0
    private const string Sha256Base64 = "CPV9OoD2wuz/YIX1iBrOeo8VRsk92H608J0kaLsz+CY=";

    [Fact]
    public async Task Generic_sha256_hex_signature_is_accepted_by_default()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex)));
    }

    [Fact]
    public async Task Generic_hex_is_accepted_in_upper_case_too()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex.ToUpperInvariant())));
    }

    [Fact]
    public async Task Generic_sha1_with_a_prefix_is_accepted()
    {
        var authenticator = Create("""{ "header": "X-Hub-Signature", "algorithm": "sha1", "prefix": "sha1=", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Hub-Signature", "sha1=" + Sha1Hex)));
    }

    [Fact]
    public async Task Generic_sha512_base64_is_accepted()
    {
        var authenticator = Create("""{ "header": "X-Signature", "algorithm": "SHA512", "encoding": "base64", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha512Base64)));
    }

    [Fact]
    public async Task Signature_of_another_algorithm_does_not_match()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha1Hex)));
    }

    [Fact]
    public async Task Base64_signature_where_hex_is_configured_is_an_unsupported_encoding()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Fail("unsupported encoding"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Base64)));
    }

    [Fact]
    public async Task Hex_signature_where_base64_is_configured_does_not_match()
    {
        // 64 hex digits are valid base64 too (of 48 other bytes), so this is a mismatch rather than undecodable.
        var authenticator = Create("""{ "header": "X-Signature", "encoding": "base64", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex)));
        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Base64)));
    }

    [Fact]
    public async Task Rotation_either_of_two_secrets_verifies_and_the_subject_names_which()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret", "generic-secret-2"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex)));
        Assert.Equal(AuthResult.Success("secret#1"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256HexSecond)));
    }

    [Fact]
    public async Task Rotation_an_expired_secret_no_longer_verifies_and_the_reason_says_so()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-30T23:59:59Z"));
        var authenticator = Create(
            """{ "header": "X-Signature", "secrets": [{ "value": "generic-secret", "expiresAt": "2026-12-31T00:00:00Z" }, "generic-secret-2"] }""", clock);

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex)));

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AuthResult.Fail("no signature matched (secret#0 has expired)"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex)));
        Assert.Equal(AuthResult.Success("secret#1"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256HexSecond)));
    }

    [Fact]
    public async Task Tampered_body_with_one_byte_changed_is_rejected()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, """{"event":"pusH"}""", ("X-Signature", Sha256Hex)));
    }

    [Fact]
    public async Task Truncated_signature_is_rejected_without_an_exception()
    {
        var authenticator = Create("""{ "header": "X-Signature", "secrets": ["generic-secret"] }""");

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex[..62])));
        Assert.Equal(AuthResult.Fail("unsupported encoding"), await VerifyAsync(authenticator, Body, ("X-Signature", Sha256Hex[..63])));
    }

    [Theory]
    [InlineData("", "missing header X-Hub-Signature-256")]
    [InlineData("   ", "missing header X-Hub-Signature-256")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "malformed signature header")]
    [InlineData("sha256=", "malformed signature header")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "malformed signature header")]
    // The right MAC in base64: printf '%s' 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody" -binary | base64 -w0
    [InlineData("sha256=dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=", "unsupported encoding")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1", "unsupported encoding")]
    [InlineData("sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "unsupported encoding")]
    public async Task GitHub_malformed_headers_are_rejected_with_the_reason(string header, string reason)
    {
        var authenticator = Create("""{ "preset": "github", "secrets": ["It's a Secret to Everybody"] }""");

        Assert.Equal(AuthResult.Fail(reason), await VerifyAsync(authenticator, "Hello, World!", ("X-Hub-Signature-256", header)));
    }

    [Fact]
    public async Task GitHub_missing_header_is_named()
    {
        var authenticator = Create("""{ "preset": "github", "secrets": ["It's a Secret to Everybody"] }""");

        Assert.Equal(AuthResult.Fail("missing header X-Hub-Signature-256"), await VerifyAsync(authenticator, "Hello, World!", ("X-Signature-256", "sha256=00")));
    }

    [Fact]
    public async Task GitHub_published_example_is_accepted_and_a_changed_body_is_not()
    {
        // docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation"; also
        // printf '%s' 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"
        const string signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        var authenticator = Create("""{ "preset": "github", "secrets": ["It's a Secret to Everybody"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, "Hello, World!", ("x-hub-signature-256", signature)));
        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, "Hello, World?", ("X-Hub-Signature-256", signature)));
    }

    [Fact]
    public async Task Dagnats_signature_is_accepted()
    {
        // printf '%s' '{"dag":"nightly"}' | openssl dgst -sha256 -hmac 'dagnats-secret'
        const string signature = "sha256=b68c7149d19b7500eb16d0a98f77787352d16069f49d848d88b1f3d9ada4888e";
        var authenticator = Create("""{ "preset": "dagnats", "secrets": ["dagnats-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, """{"dag":"nightly"}""", ("X-Signature-256", signature)));
        Assert.Equal(AuthResult.Fail("missing header X-Signature-256"), await VerifyAsync(authenticator, """{"dag":"nightly"}""", ("X-Hub-Signature-256", signature)));
    }

    [Fact]
    public async Task Shopify_base64_signature_is_accepted_and_hex_is_not()
    {
        // printf '%s' '{"id":820982911946154508}' | openssl dgst -sha256 -hmac 'shopify-secret' -binary | base64 -w0
        const string signature = "5A3oQQfW+WMeNQwhapvpG0xvKI5Ip4Bp9W/9ifwwyGk=";
        var authenticator = Create("""{ "preset": "shopify", "secrets": ["shopify-secret"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, """{"id":820982911946154508}""", ("X-Shopify-Hmac-Sha256", signature)));
        Assert.Equal(AuthResult.Fail("unsupported encoding"), await VerifyAsync(authenticator, """{"id":820982911946154508}""", ("X-Shopify-Hmac-Sha256", "not base64!")));
    }
}
