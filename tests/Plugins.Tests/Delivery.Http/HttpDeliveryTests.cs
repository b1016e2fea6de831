using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class HttpDeliveryTests
{
    [Fact]
    public async Task A_2xx_is_a_success_and_the_request_carries_method_body_and_channel_headers()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(ReceiverReply.Text(202, "queued"));
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/hooks/in?tenant=7"), method: "put", attempt: 3));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(202, result.StatusCode);
        Assert.Null(result.Error);
        Assert.Equal("queued", result.ResponseExcerpt);
        Assert.True(result.Duration > TimeSpan.Zero);
        var request = receiver.Single;
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/hooks/in?tenant=7", request.Path);
        Assert.Equal("""{"type":"run.completed","data":{"runId":"r-1"}}""", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("Webhooks.Modular/1.0", request.Header("User-Agent"));
        Assert.Equal(Messages.DeliveryId, request.Header("X-Webhook-Delivery-Id"));
        Assert.Equal("3", request.Header("X-Webhook-Attempt"));
    }

    [Fact]
    public async Task Unsigned_deliveries_carry_no_signature_headers_but_do_carry_the_destinations_headers()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback("""
            , "userAgent": "acme-hooks/2"
            """);
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer tok-123",
            ["X-Tenant"] = "acme",
            ["Content-Language"] = "en",
        };

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/"), SigningSchemes.None, ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], headers));

        Assert.True(result.Succeeded, result.Error);
        var request = receiver.Single;
        Assert.Equal("Bearer tok-123", request.Header("Authorization"));
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal("en", request.Header("Content-Language"));
        Assert.Equal("acme-hooks/2", request.Header("User-Agent"));
        Assert.Null(request.Header("webhook-id"));
        Assert.Null(request.Header("webhook-timestamp"));
        Assert.Null(request.Header("webhook-signature"));
        Assert.Null(request.Header("X-Danube-Signature"));
        Assert.Equal(Messages.DeliveryId, request.Header("X-Webhook-Delivery-Id"));
    }

    [Fact]
    public async Task The_destinations_headers_cannot_override_signature_framing_or_content_type()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();
        const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var headers = new Dictionary<string, string>
        {
            ["webhook-signature"] = "v1,forged",
            ["Webhook-Id"] = "msg_forged",
            ["X-Danube-Signature"] = "t=1,sha256=forged",
            ["Host"] = "evil.example",
            ["Content-Length"] = "1",
            ["Content-Type"] = "text/plain",
            ["X-Webhook-Attempt"] = "99",
            ["User-Agent"] = "custom-agent/1",
        };

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/"), SigningSchemes.StandardWebhooks, [Secret], headers));

        Assert.True(result.Succeeded, result.Error);
        var request = receiver.Single;
        Assert.DoesNotContain("forged", request.Header("webhook-signature"), StringComparison.Ordinal);
        Assert.Equal(Messages.DeliveryId, request.Header("webhook-id"));
        Assert.True(StandardWebhooksVerifier.Verify(Secret, request));
        Assert.Null(request.Header("X-Danube-Signature"));
        Assert.Equal($"127.0.0.1:{receiver.Port}", request.Header("Host"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("1", request.Header("X-Webhook-Attempt"));
        Assert.Equal("custom-agent/1", request.Header("User-Agent"));
        Assert.NotEqual(1, request.Body.Length);
    }

    [Fact]
    public async Task A_header_value_with_a_line_break_fails_the_attempt_without_sending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/"), headers: new Dictionary<string, string> { ["X-Note"] = "a\r\nX-Injected: 1" }));

        Assert.False(result.Succeeded);
        Assert.Contains("X-Note", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task An_unknown_signing_scheme_fails_the_attempt_without_sending()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/"), "pgp", ["k"]));

        Assert.False(result.Succeeded);
        Assert.Contains("unknown signing scheme 'pgp'", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_500_is_a_failure_with_status_and_excerpt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(ReceiverReply.Text(500, "database is down"));
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.False(result.Succeeded);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("database is down", result.ResponseExcerpt);
        Assert.Contains("500", result.Error, StringComparison.Ordinal);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task The_excerpt_is_bounded_even_when_the_receiver_sends_a_megabyte()
    {
        var megabyte = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef", 65536)));
        await using var receiver = await LoopbackReceiver.StartAsync(new ReceiverReply(200, megabyte));
        using var channel = HttpChannel.AllowingLoopback("""
            , "maxResponseExcerptBytes": 100
            """);

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1024 * 1024, megabyte.Length);
        Assert.Equal(Encoding.ASCII.GetString(megabyte, 0, 100), result.ResponseExcerpt);
    }

    [Fact]
    public async Task The_excerpt_replaces_invalid_utf8_and_drops_a_character_cut_by_the_limit()
    {
        // "ok", an invalid byte, "!", then "é" (C3 A9) whose second byte is past the 5-byte limit.
        await using var receiver = await LoopbackReceiver.StartAsync(new ReceiverReply(400, [0x6F, 0x6B, 0xFF, 0x21, 0xC3, 0xA9, 0x21]));
        using var channel = HttpChannel.AllowingLoopback("""
            , "maxResponseExcerptBytes": 5
            """);

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("ok\uFFFD!", result.ResponseExcerpt);
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_its_location_is_not_requested()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(
            ReceiverReply.Text(302, "moved", new Dictionary<string, string> { ["Location"] = "/elsewhere" }));
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/hook")));

        Assert.False(result.Succeeded);
        Assert.Equal(302, result.StatusCode);
        Assert.Contains("redirects are not followed", result.Error, StringComparison.Ordinal);
        Assert.Equal("/hook", receiver.Single.Path);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_a_timeout_failure()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(new ReceiverReply(200, Delay: TimeSpan.FromSeconds(10)));
        using var channel = HttpChannel.AllowingLoopback("""
            , "timeoutSeconds": 1
            """);

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal("timed out after 1 s", result.Error);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_propagates()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(new ReceiverReply(200, Delay: TimeSpan.FromSeconds(10)));
        using var channel = HttpChannel.AllowingLoopback();
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.DeliverAsync(Messages.To(receiver.At("/")), shutdown.Token));
    }

    [Fact]
    public async Task A_429_gives_its_retry_after_in_seconds()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(
            ReceiverReply.Text(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "120" }));
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.False(result.Succeeded);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task A_503_gives_its_retry_after_date_relative_to_the_clock()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();
        var date = channel.Clock.GetUtcNow().AddSeconds(90).ToString("r", CultureInfo.InvariantCulture);
        receiver.Reply = ReceiverReply.Text(503, "maintenance", new Dictionary<string, string> { ["Retry-After"] = date });

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(90), result.RetryAfter);
    }

    [Theory]
    [InlineData(429, "soon")]
    [InlineData(429, "-5")]
    [InlineData(500, "120")]
    public async Task Retry_after_is_ignored_when_unparsable_or_not_429_or_503(int status, string value)
    {
        await using var receiver = await LoopbackReceiver.StartAsync(
            ReceiverReply.Text(status, "x", new Dictionary<string, string> { ["Retry-After"] = value }));
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.Equal(status, result.StatusCode);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(new Uri($"http://127.0.0.1:{port}/hook")));

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("could not connect", result.Error, StringComparison.Ordinal);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
