using System.Globalization;
using System.Text;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Delivery.Http.Signing;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class StandardWebhooksSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OldSecret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    [Fact]
    public void Signer_matches_the_specifications_example()
    {
        // The example of the Standard Webhooks specification (and svix's libraries).
        var signature = StandardWebhooksSignature.Sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""), [Secret], out var problem);

        Assert.Null(problem);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void A_secret_without_the_prefix_is_base64_as_a_whole()
    {
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        var prefixed = StandardWebhooksSignature.Sign("msg_1", 1614265330, body, [Secret], out _);
        var bare = StandardWebhooksSignature.Sign("msg_1", 1614265330, body, [Secret["whsec_".Length..]], out _);

        Assert.Equal(prefixed, bare);
    }

    [Fact]
    public void A_secret_that_is_not_base64_is_a_problem_that_does_not_reveal_it()
    {
        var signature = StandardWebhooksSignature.Sign("msg_1", 1, [1, 2], [Secret, "whsec_not*base64!"], out var problem);

        Assert.Null(signature);
        Assert.Contains("#2", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not*base64", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_arrives_with_a_signature_the_receiver_verifies()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/hooks/in"), SigningSchemes.StandardWebhooks, [Secret]));

        Assert.True(result.Succeeded, result.Error);
        var request = receiver.Single;
        Assert.Equal(Messages.DeliveryId, request.Header("webhook-id"));
        Assert.Equal(Messages.Timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Header("webhook-timestamp"));
        Assert.StartsWith("v1,", request.Header("webhook-signature"), StringComparison.Ordinal);
        Assert.True(StandardWebhooksVerifier.Verify(Secret, request));
        Assert.False(StandardWebhooksVerifier.Verify(OldSecret, request));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_each_signature_verifies_with_its_own_secret()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/hooks/in"), SigningSchemes.StandardWebhooks, [Secret, OldSecret]));

        Assert.True(result.Succeeded, result.Error);
        var request = receiver.Single;
        var entries = request.Header("webhook-signature")!.Split(' ');
        Assert.Equal(2, entries.Length);
        var id = request.Header("webhook-id")!;
        var timestamp = request.Header("webhook-timestamp")!;
        Assert.True(StandardWebhooksVerifier.Verify(Secret, id, timestamp, request.Body, entries[0]));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, id, timestamp, request.Body, entries[1]));
        Assert.True(StandardWebhooksVerifier.Verify(OldSecret, id, timestamp, request.Body, entries[1]));
        Assert.False(StandardWebhooksVerifier.Verify(OldSecret, id, timestamp, request.Body, entries[0]));
    }

    [Fact]
    public async Task A_tampered_body_no_longer_verifies()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        await channel.DeliverAsync(Messages.To(receiver.At("/"), SigningSchemes.StandardWebhooks, [Secret]));

        var request = receiver.Single;
        var tampered = request with { Body = Encoding.UTF8.GetBytes("""{"type":"run.failed"}""") };
        Assert.True(StandardWebhooksVerifier.Verify(Secret, request));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, tampered));
    }

    [Fact]
    public async Task Without_a_secret_nothing_is_sent_unsigned()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/"), SigningSchemes.StandardWebhooks, []));

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("needs a secret", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
