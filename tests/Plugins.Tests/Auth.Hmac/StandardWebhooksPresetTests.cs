using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>The <c>standard-webhooks</c> preset, against the specification's published test vector.</summary>
public sealed class StandardWebhooksPresetTests
{
    // The Standard Webhooks reference libraries' test vector (standard-webhooks/standard-webhooks, and svix's
    // libraries: "testSignFunctionWorks"). Also:
    // KEY=$(printf '%s' MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 256)
    // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // Same key and timestamp, id msg_second:
    // printf '%s' 'msg_second.1614265330.{"test": 2432232314}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64
    private const string SecondId = "msg_second";
    private const string SecondSignature = "v1,wgpC0vXC/8olKfno4qmbESc+gtBezazM1sECw1WX4Yo=";

    // Same key, id and timestamp, body {"test": 2432232315}:
    // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232315}' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64
    private const string OtherBodySignature = "v1,TW/pFPJ2/LwRQdgfM7WklE9yJiRyMs0cTpVPK8leNAU=";

    private const string Settings = $$"""{ "preset": "standard-webhooks", "secrets": ["{{Secret}}"] }""";

    [Fact]
    public async Task Published_test_vector_is_accepted()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        Assert.Equal(Verified(Id), await SendAsync(authenticator, Id, Signature));
    }

    [Fact]
    public async Task Secret_without_the_whsec_prefix_is_taken_as_base64()
    {
        var authenticator = Create("""{ "preset": "standard-webhooks", "secrets": ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] }""", ManualClock.AtUnixSeconds(Timestamp));

        Assert.Equal(Verified(Id), await SendAsync(authenticator, Id, Signature));
    }

    [Fact]
    public async Task Several_signatures_where_only_the_second_matches_are_accepted_and_other_versions_ignored()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        var result = await SendAsync(authenticator, Id, $"v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= {OtherBodySignature} {Signature}");

        Assert.Equal(Verified(Id), result);
    }

    [Fact]
    public async Task The_verified_webhook_id_is_handed_to_the_host_as_the_message_id_every_time_it_verifies()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        // Remembering it is the store's work (the idempotency record), shared by hosts and kept across restarts.
        Assert.Equal(Verified(Id), await SendAsync(authenticator, Id, Signature));
        Assert.Equal(Verified(Id), await SendAsync(authenticator, Id, Signature));
        Assert.Equal(Verified(SecondId), await SendAsync(authenticator, SecondId, SecondSignature));
    }

    [Fact]
    public async Task Failed_verification_hands_over_no_message_id()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        var result = await SendAsync(authenticator, Id, OtherBodySignature);

        Assert.Equal(AuthResult.Fail("no signature matched"), result);
        Assert.Null(result.MessageId);
    }

    [Fact]
    public async Task A_message_is_replayable_until_its_timestamp_plus_the_tolerance_whenever_it_arrives()
    {
        var early = await SendAsync(Create(Settings, ManualClock.AtUnixSeconds(Timestamp - 200)), Id, Signature);
        var late = await SendAsync(Create("""{ "preset": "standard-webhooks", "secrets": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "toleranceSeconds": 600 }""", ManualClock.AtUnixSeconds(Timestamp + 500)), Id, Signature);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Timestamp + 300), early.ReplayableUntil);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Timestamp + 600), late.ReplayableUntil);
    }

    [Fact]
    public async Task Svix_header_names_verify_the_published_test_vector_with_the_same_message_id()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        var result = await VerifyAsync(authenticator, Body, ("svix-id", Id), ("svix-timestamp", $"{Timestamp}"), ("svix-signature", Signature));

        Assert.Equal(Verified(Id), result);
    }

    [Theory]
    [InlineData(Timestamp + 300, null)]
    [InlineData(Timestamp + 301, "stale timestamp")]
    [InlineData(Timestamp - 300, null)]
    [InlineData(Timestamp - 301, "timestamp in the future")]
    public async Task Timestamp_exactly_at_the_tolerance_passes_and_one_second_beyond_fails_either_way(long now, string? reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(now));

        Assert.Equal(reason is null ? Verified(Id) : AuthResult.Fail(reason), await SendAsync(authenticator, Id, Signature));
    }

    [Fact]
    public async Task Tampered_body_is_rejected()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        var result = await VerifyAsync(authenticator, """{"test": 2432232315}""",
            ("webhook-id", Id), ("webhook-timestamp", $"{Timestamp}"), ("webhook-signature", Signature));

        Assert.Equal(AuthResult.Fail("no signature matched"), result);
    }

    [Theory]
    [InlineData(null, "1614265330", Signature, "missing header webhook-id (or svix-id)")]
    [InlineData(Id, null, Signature, "missing header webhook-timestamp (or svix-timestamp)")]
    [InlineData(Id, "1614265330", null, "missing header webhook-signature (or svix-signature)")]
    [InlineData(Id, "1614265330", "", "missing header webhook-signature (or svix-signature)")]
    [InlineData(Id, "1614265330.0", Signature, "malformed signature header")]
    [InlineData(Id, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "no signature matched")]
    [InlineData(Id, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "no signature matched")]
    [InlineData(Id, "1614265330", "v1,836c4cf52b04f8e4c9312dfed8", "unsupported encoding")]
    [InlineData(Id, "1614265330", "v1,", "unsupported encoding")]
    [InlineData(Id, "1614265330", "v1,g0hM9SsE+OTPJTGt", "no signature matched")]
    public async Task Malformed_headers_are_rejected_with_the_reason(string? id, string? timestamp, string? signature, string reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));
        var headers = new List<(string, string)>();
        if (id is not null)
        {
            headers.Add(("webhook-id", id));
        }

        if (timestamp is not null)
        {
            headers.Add(("webhook-timestamp", timestamp));
        }

        if (signature is not null)
        {
            headers.Add(("webhook-signature", signature));
        }

        Assert.Equal(AuthResult.Fail(reason), await VerifyAsync(authenticator, Body, [.. headers]));
    }

    [Theory]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS")]
    [InlineData("plain-text-secret")]
    public void Secret_that_is_not_base64_is_a_settings_error_that_does_not_echo_it(string secret)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create($$"""{ "preset": "standard-webhooks", "secrets": ["{{Secret}}", "{{secret}}"] }"""));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:secrets:1", error.Key);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    private static Task<AuthResult> SendAsync(IInboundAuthenticator authenticator, string id, string signature) =>
        VerifyAsync(authenticator, Body, ("webhook-id", id), ("webhook-timestamp", $"{Timestamp}"), ("webhook-signature", signature));

    /// <summary>A success carrying the signed id, replayable until the vector's timestamp plus the default tolerance.</summary>
    private static AuthResult Verified(string id) =>
        AuthResult.Success("secret#0") with { MessageId = id, ReplayableUntil = DateTimeOffset.FromUnixTimeSeconds(Timestamp + 300) };
}
