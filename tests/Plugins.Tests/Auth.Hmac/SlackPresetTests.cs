using Webhooks.Modular.Abstractions.Auth;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>The <c>slack</c> preset, against Slack's published example.</summary>
public sealed class SlackPresetTests
{
    // docs.slack.dev, "Verifying requests from Slack", the worked example; also
    // printf '%s' 'v0:1531420618:<Body>' | openssl dgst -sha256 -hmac 8f742231b10e8888abcd99yyyzzz85a5
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long Timestamp = 1531420618;
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string Settings = $$"""{ "preset": "slack", "secrets": ["{{Secret}}"] }""";

    [Fact]
    public async Task Published_example_is_accepted()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        var result = await VerifyAsync(authenticator, Body, ("X-Slack-Signature", Signature), ("X-Slack-Request-Timestamp", $"{Timestamp}"));

        Assert.Equal(AuthResult.Success("secret#0"), result);
    }

    [Theory]
    [InlineData(Timestamp + 300, null)]
    [InlineData(Timestamp + 301, "stale timestamp")]
    [InlineData(Timestamp - 300, null)]
    [InlineData(Timestamp - 301, "timestamp in the future")]
    public async Task Timestamp_exactly_at_the_tolerance_passes_and_one_second_beyond_fails(long now, string? reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(now));

        var result = await VerifyAsync(authenticator, Body, ("X-Slack-Signature", Signature), ("X-Slack-Request-Timestamp", $"{Timestamp}"));

        Assert.Equal(reason is null ? AuthResult.Success("secret#0") : AuthResult.Fail(reason), result);
    }

    [Fact]
    public async Task Tampered_body_or_timestamp_is_rejected()
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));

        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body.Replace("foobar", "foobaz", StringComparison.Ordinal), ("X-Slack-Signature", Signature), ("X-Slack-Request-Timestamp", $"{Timestamp}")));
        Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("X-Slack-Signature", Signature), ("X-Slack-Request-Timestamp", $"{Timestamp + 1}")));
    }

    [Theory]
    [InlineData(null, "1531420618", "missing header X-Slack-Signature")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", null, "missing header X-Slack-Request-Timestamp")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "1531420618", "malformed signature header")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "1531420618", "malformed signature header")]
    [InlineData("v0=", "1531420618", "malformed signature header")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "yesterday", "malformed signature header")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50", "1531420618", "unsupported encoding")]
    public async Task Malformed_headers_are_rejected_with_the_reason(string? signature, string? timestamp, string reason)
    {
        var authenticator = Create(Settings, ManualClock.AtUnixSeconds(Timestamp));
        var headers = new List<(string, string)>();
        if (signature is not null)
        {
            headers.Add(("X-Slack-Signature", signature));
        }

        if (timestamp is not null)
        {
            headers.Add(("X-Slack-Request-Timestamp", timestamp));
        }

        Assert.Equal(AuthResult.Fail(reason), await VerifyAsync(authenticator, Body, [.. headers]));
    }
}
