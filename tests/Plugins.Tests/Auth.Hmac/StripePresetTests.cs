using Webhooks.Modular.Abstractions.Auth;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>The <c>stripe</c> preset: <c>t=...,v1=...</c> over <c>"{t}.{body}"</c>, with a timestamp tolerance.</summary>
public sealed class StripePresetTests
{
    private const long SignedAt = 1700000000;
    private const string Body = """{"id":"evt_1","type":"charge.succeeded"}""";

    // printf '%s' '1700000000.{"id":"evt_1","type":"charge.succeeded"}' | openssl dgst -sha256 -hmac 'whsec_stripe_test_secret'
    private const string V1 = "fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673";

    // printf '%s' '1700000000.{"id":"evt_1","type":"charge.succeeded"}' | openssl dgst -sha256 -hmac 'whsec_stripe_new_secret'
    private const string V1NewSecret = "6802479843f3d26663365c9728d8019182cfa45733419ab4e447e788b67166a2";

    private const string Settings = """{ "preset": "stripe", "secrets": ["whsec_stripe_test_secret"] }""";

    [Fact]
    public async Task Signed_request_is_accepted_and_v0_is_ignored()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(SignedAt));

        var result = await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt},v1={V1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39"));

        Assert.Equal(Verified("secret#0"), result);
    }

    [Fact]
    public async Task Several_v1_where_only_the_second_matches_is_accepted()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(SignedAt));

        var result = await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt},v1={V1NewSecret},v1={V1}"));

        Assert.Equal(Verified("secret#0"), result);
    }

    [Fact]
    public async Task Rotation_any_v1_matching_any_secret_passes()
    {
        var authenticator = Create(
            """{ "preset": "stripe", "secrets": ["whsec_stripe_old_secret", "whsec_stripe_new_secret"] }""", ManualClock.AtUnixSeconds(SignedAt));

        var result = await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt},v1={V1},v1={V1NewSecret}"));

        Assert.Equal(Verified("secret#1"), result);
    }

    [Theory]
    [InlineData(SignedAt + 300, null)]
    [InlineData(SignedAt + 301, "stale timestamp")]
    [InlineData(SignedAt - 300, null)]
    [InlineData(SignedAt - 301, "timestamp in the future")]
    public async Task Timestamp_exactly_at_the_tolerance_passes_and_one_second_beyond_fails(long now, string? reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(now));

        var result = await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt},v1={V1}"));

        Assert.Equal(reason is null ? Verified("secret#0") : AuthResult.Fail(reason), result);
    }

    [Fact]
    public async Task Configured_tolerance_is_used()
    {
        var authenticator = Create("""{ "preset": "stripe", "toleranceSeconds": 10, "secrets": ["whsec_stripe_test_secret"] }""", ManualClock.AtUnixSeconds(SignedAt + 11));

        Assert.Equal(AuthResult.Fail("stale timestamp"), await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt},v1={V1}")));
    }

    [Fact]
    public async Task Tampered_body_or_timestamp_is_rejected()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(SignedAt));

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body.Replace("evt_1", "evt_2", StringComparison.Ordinal), ("Stripe-Signature", $"t={SignedAt},v1={V1}")));
        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt + 1},v1={V1}")));
    }

    [Theory]
    [InlineData("", "missing header Stripe-Signature")]
    [InlineData("v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "malformed signature header")]
    [InlineData("t=,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "malformed signature header")]
    [InlineData("t=-1700000000,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "malformed signature header")]
    [InlineData("t=1700000000.5,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "malformed signature header")]
    [InlineData("t=1700000000,t=1700000001,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "malformed signature header")]
    [InlineData("garbage", "malformed signature header")]
    [InlineData("t=1700000000", "no signature matched")]
    [InlineData("t=1700000000,v0=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673", "no signature matched")]
    [InlineData("t=1700000000,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf767", "unsupported encoding")]
    [InlineData("t=1700000000,v1=+yL/v+j4Ljma/gOtbThaWaAIP0a72LD/rYFGcSTPdnM=", "unsupported encoding")]
    [InlineData("t=1700000000,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf767,v1=00", "no signature matched")]
    public async Task Malformed_headers_are_rejected_with_the_reason(string header, string reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(SignedAt));

        Assert.Equal(AuthResult.Fail(reason), await VerifyAsync(authenticator, Body, ("Stripe-Signature", header)));
    }

    [Fact]
    public async Task Spaces_around_items_are_tolerated()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(SignedAt));

        Assert.Equal(Verified("secret#0"), await VerifyAsync(authenticator, Body, ("Stripe-Signature", $"t={SignedAt}, v1={V1}")));
    }

    /// <summary>A success carrying the event's id from the signed body, replayable until its timestamp plus the tolerance.</summary>
    private static AuthResult Verified(string subject) =>
        AuthResult.Success(subject) with { MessageId = "evt_1", ReplayableUntil = DateTimeOffset.FromUnixTimeSeconds(SignedAt + 300) };
}
