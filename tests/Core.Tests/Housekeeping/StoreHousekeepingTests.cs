using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Housekeeping;

namespace Webhooks.Modular.Core.Tests.Housekeeping;

public sealed class StoreHousekeepingTests
{
    [Fact]
    public async Task A_pass_keeps_purging_while_batches_come_back_full()
    {
        var events = Substitute.For<IEventStore>();
        events.PurgeExpiredIdempotencyKeysAsync(Arg.Any<DateTimeOffset>(), StoreHousekeeping.BatchSize, Arg.Any<CancellationToken>())
            .Returns(StoreHousekeeping.BatchSize, StoreHousekeeping.BatchSize, 7);
        var tokens = Substitute.For<IAuthTokenStore>();
        tokens.PurgeExpiredTokensAsync(Arg.Any<DateTimeOffset>(), StoreHousekeeping.BatchSize, Arg.Any<CancellationToken>()).Returns(3);
        var services = new ServiceCollection().AddSingleton(events).AddSingleton(tokens).BuildServiceProvider();

        var (keys, deletedTokens) = await new StoreHousekeeping(services, TimeProvider.System, NullLogger<StoreHousekeeping>.Instance)
            .PurgeOnceAsync(CancellationToken.None);

        Assert.Equal((2 * StoreHousekeeping.BatchSize) + 7, keys);
        Assert.Equal(3, deletedTokens);
        await events.Received(3).PurgeExpiredIdempotencyKeysAsync(Arg.Any<DateTimeOffset>(), StoreHousekeeping.BatchSize, Arg.Any<CancellationToken>());
        await tokens.Received(1).PurgeExpiredTokensAsync(Arg.Any<DateTimeOffset>(), StoreHousekeeping.BatchSize, Arg.Any<CancellationToken>());
    }
}
