using Webhooks.Modular.Auth.Hmac.Replay;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

public sealed class ReplayGuardTests
{
    [Fact]
    public void Id_is_a_replay_until_its_last_second_and_new_after()
    {
        var guard = new ReplayGuard(capacity: 10);

        Assert.True(guard.TryRecord("a", untilSeconds: 100, nowSeconds: 0));
        Assert.False(guard.TryRecord("a", untilSeconds: 200, nowSeconds: 100));
        Assert.True(guard.TryRecord("a", untilSeconds: 201, nowSeconds: 101));
        Assert.False(guard.TryRecord("a", untilSeconds: 300, nowSeconds: 150));
    }

    [Fact]
    public void Expired_ids_are_forgotten()
    {
        var guard = new ReplayGuard(capacity: 10);
        guard.TryRecord("a", untilSeconds: 10, nowSeconds: 0);
        guard.TryRecord("b", untilSeconds: 20, nowSeconds: 0);

        guard.TryRecord("c", untilSeconds: 40, nowSeconds: 15);

        Assert.Equal(2, guard.Count);
    }

    [Fact]
    public void Memory_is_bounded_by_forgetting_the_oldest_first()
    {
        var guard = new ReplayGuard(capacity: 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            Assert.True(guard.TryRecord(id, untilSeconds: 1000, nowSeconds: 0));
        }

        Assert.Equal(3, guard.Count);
        Assert.False(guard.TryRecord("d", untilSeconds: 1000, nowSeconds: 1));
        Assert.True(guard.TryRecord("a", untilSeconds: 1000, nowSeconds: 1));
    }
}
