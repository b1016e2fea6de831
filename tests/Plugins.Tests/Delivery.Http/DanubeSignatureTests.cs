using System.Globalization;
using System.Text;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Delivery.Http.Signing;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class DanubeSignatureTests
{
    private const string Secret = "whsec_danube-test-secret-0001";
    private const string OldSecret = "whsec_danube-test-secret-0000";

    [Fact]
    public void Signer_matches_a_vector_computed_with_openssl()
    {
        // printf '%s' '1700000000.{"event":"run.completed","id":42}' | openssl dgst -sha256 -hmac 'whsec_danube-test-secret-0001'
        const string OpenSsl = "f4e3037e4241d85575431a78645a3efbe5c4c9dd09f5647cf7ed26d122b4c0a9";

        var header = DanubeSignature.Sign(1700000000, Encoding.UTF8.GetBytes("""{"event":"run.completed","id":42}"""), [Secret], out var problem);

        Assert.Null(problem);
        Assert.Equal($"t=1700000000,sha256={OpenSsl}", header);
    }

    [Fact]
    public async Task Delivery_arrives_with_a_signature_the_receiver_verifies()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/danube"), SigningSchemes.Danube, [Secret]));

        Assert.True(result.Succeeded, result.Error);
        var request = receiver.Single;
        var header = request.Header("X-Danube-Signature")!;
        Assert.StartsWith($"t={Messages.Timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)},sha256=", header, StringComparison.Ordinal);
        Assert.True(DanubeVerifier.Verify(Secret, request.Body, header));
        Assert.False(DanubeVerifier.Verify(OldSecret, request.Body, header));
        Assert.False(DanubeVerifier.Verify(Secret, Encoding.UTF8.GetBytes("{}"), header));
        Assert.Null(request.Header("webhook-signature"));
        Assert.Null(request.Header("webhook-id"));
    }

    [Fact]
    public async Task During_a_rotation_the_header_carries_the_new_then_the_old_signature()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.AllowingLoopback();

        await channel.DeliverAsync(Messages.To(receiver.At("/danube"), SigningSchemes.Danube, [Secret, OldSecret]));

        var request = receiver.Single;
        var parts = request.Header("X-Danube-Signature")!.Split(',');
        Assert.Equal(3, parts.Length);
        Assert.True(DanubeVerifier.Verify(Secret, request.Body, $"{parts[0]},{parts[1]}"));
        Assert.True(DanubeVerifier.Verify(OldSecret, request.Body, $"{parts[0]},{parts[2]}"));
        Assert.False(DanubeVerifier.Verify(OldSecret, request.Body, $"{parts[0]},{parts[1]}"));
    }
}
