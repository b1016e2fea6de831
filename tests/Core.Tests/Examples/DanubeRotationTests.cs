using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Delivery;
using Webhooks.Modular.Core.Tests.Examples.Danube;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// Secret rotation as a receiver that follows Danube's guide sees it: it parses <c>X-Danube-Signature</c> into a
/// dictionary, so of the overlap's several <c>sha256=</c> entries it compares only the last. The host puts the oldest
/// secret still signing last, so such a receiver keeps verifying with the secret it has until that secret stops
/// signing; the clock is moved past each grace period to show when it must have the next one.
/// </summary>
public sealed class DanubeRotationTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    [Fact]
    public async Task A_receiver_parsing_like_Danubes_guide_verifies_with_its_old_secret_until_the_overlap_ends_and_needs_the_new_one_then()
    {
        await using var host = await DeliveryHost.StartAsync();
        var created = await host.Destinations.CreateAsync(
            new DestinationSpec("danube", host.Receiver.Url.ToString(), ["order.paid"]) { Signing = SigningSchemes.Danube, Retry = RetryPolicy.None },
            CancellationToken.None);
        var id = created.Destination.Id;
        var s1 = created.Secret!;

        var before = await DeliverAsync(host, 1);
        Assert.True(Guide(host, before, s1));

        // Rotated: both sign. The receiver that has not changed anything still verifies (s1's entry is the last);
        // one that swapped to the new secret alone does not, until s1 stops signing.
        var s2 = (await host.Destinations.RotateSecretAsync(id, Grace, CancellationToken.None))!;
        var overlap = await DeliverAsync(host, 2);
        Assert.Equal(2, SignatureCount(overlap));
        Assert.True(Guide(host, overlap, s1));
        Assert.False(Guide(host, overlap, s2));
        Assert.True(DanubeGuideReceiver.VerifyWithAny(overlap.Body, Header(overlap), [s2, s1], host.Clock.GetUtcNow()));

        // Rotated again within the overlap: three sign, and the last entry is still the oldest, s1.
        host.Clock.Advance(TimeSpan.FromHours(12));
        var s3 = (await host.Destinations.RotateSecretAsync(id, Grace, CancellationToken.None))!;
        var twice = await DeliverAsync(host, 3);
        Assert.Equal(3, SignatureCount(twice));
        Assert.True(Guide(host, twice, s1));
        Assert.False(Guide(host, twice, s2));
        Assert.False(Guide(host, twice, s3));

        // s1's grace is over (24 h after the first rotation): the last entry is now s2's.
        host.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var afterFirst = await DeliverAsync(host, 4);
        Assert.Equal(2, SignatureCount(afterFirst));
        Assert.False(Guide(host, afterFirst, s1));
        Assert.True(Guide(host, afterFirst, s2));
        Assert.False(Guide(host, afterFirst, s3));
        Assert.True(DanubeGuideReceiver.VerifyWithAny(afterFirst.Body, Header(afterFirst), [s3, s2, s1], host.Clock.GetUtcNow()));

        // s2's grace is over too: one signature, the newest secret's.
        host.Clock.Advance(TimeSpan.FromHours(12));
        var afterAll = await DeliverAsync(host, 5);
        Assert.Equal(1, SignatureCount(afterAll));
        Assert.False(Guide(host, afterAll, s2));
        Assert.True(Guide(host, afterAll, s3));
        Assert.True(DanubeGuideReceiver.VerifyWithAny(afterAll.Body, Header(afterAll), [s3, s2], host.Clock.GetUtcNow()));
    }

    private static async Task<Received> DeliverAsync(DeliveryHost host, int count)
    {
        var id = await host.PublishAsync();
        var received = (await host.Receiver.WaitForAsync(count))[count - 1];
        Assert.Equal(id, received.Header("X-Webhook-Delivery-Id"));
        return received;
    }

    private static bool Guide(DeliveryHost host, Received request, string secret) =>
        DanubeGuideReceiver.Verify(request.Body, Header(request), secret, host.Clock.GetUtcNow());

    private static string Header(Received request) => request.Header("X-Danube-Signature")!;

    private static int SignatureCount(Received request) => DanubeSignature.Parse(Header(request)).Signatures.Count;
}
