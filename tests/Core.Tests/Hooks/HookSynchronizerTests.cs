using Microsoft.Extensions.Configuration;
using NSubstitute;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Auth;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Hooks;
using Webhooks.Modular.Core.InProcess;

namespace Webhooks.Modular.Core.Tests.Hooks;

public sealed class HookSynchronizerTests
{
    [Fact]
    public async Task Only_the_deployments_hooks_are_written_to_the_store_not_those_registered_at_run_time()
    {
        var factory = new HookFactory(
            [new NoAuthSchemeFactory()],
            [],
            [new InProcessActionFactory([new InProcessHandler("noop", (_, _, _) => Task.FromResult(RunResult.Success()))], Substitute.For<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>())]);
        var deployment = new DeploymentModel();
        deployment.Hooks.Add(("hooks:0", Json("""{"name":"configured","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""")));
        var registry = new HookRegistry(deployment, factory);
        registry.Register("""{"name":"dagu.my-dag","surface":"dagu","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""");
        var store = Substitute.For<IHookStore>();

        await new HookSynchronizer(registry, store).StartAsync(CancellationToken.None);

        await store.Received(1).UpsertHookAsync("configured", Arg.Any<string>(), Arg.Any<CancellationToken>());
        await store.DidNotReceive().UpsertHookAsync("dagu.my-dag", Arg.Any<string>(), Arg.Any<CancellationToken>());
        await store.DidNotReceive().SetHookEnabledAsync("dagu.my-dag", Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
}
