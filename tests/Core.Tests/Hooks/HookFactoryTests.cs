using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Auth;
using Webhooks.Modular.Core.Hooks;
using NSubstitute;
using Webhooks.Modular.Core.InProcess;

namespace Webhooks.Modular.Core.Tests.Hooks;

public sealed class HookFactoryTests
{
    private readonly HookFactory _factory = new(
        [new NoAuthSchemeFactory()],
        [],
        [new InProcessActionFactory([new InProcessHandler("noop", (_, _, _) => Task.FromResult(RunResult.Success()))], Substitute.For<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>())]);

    [Fact]
    public void Minimal_hook_gets_the_documented_defaults()
    {
        var hook = Create("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""");

        Assert.Equal(["POST"], hook.Methods);
        Assert.Equal(1024 * 1024, hook.MaxBodyBytes);
        Assert.Equal(AuthMode.Enforce, hook.AuthMode);
        Assert.Equal(HookFactory.DefaultMaxAttempts, hook.MaxAttempts);
        Assert.Equal(["Idempotency-Key", "webhook-id"], hook.IdempotencyHeaders);
        Assert.True(hook.Enabled);
        Assert.DoesNotContain("noop", hook.Summary); // settings (where secrets live) are not in the stored summary
    }

    [Theory]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}},"colour":"red"}""", "hooks:0:colour", "unknown key")]
    [InlineData("""{"auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:name", "is required")]
    [InlineData("""{"name":"a b","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:name", "letters, digits")]
    [InlineData("""{"name":"h","action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:auth:scheme", "is required")]
    [InlineData("""{"name":"h","auth":{"scheme":"none","mode":"maybe"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:auth:mode", "'maybe'")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"}}""", "hooks:0:action:type", "is required")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"teleport"}}""", "hooks:0:action:type", "unknown action type 'teleport' (known: in-process)")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"other"}}}""", "hooks:0:action:settings:handler", "registered: noop")]
    [InlineData("""{"name":"h","maxBodyBytes":"lots","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:maxBodyBytes", "'lots'")]
    [InlineData("""{"name":"h","methods":["FETCH"],"auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:methods", "'FETCH'")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"conditions":[{"type":"crystal-ball"}],"action":{"type":"in-process","settings":{"handler":"noop"}}}""", "hooks:0:conditions:0:type", "unknown condition type")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}},"retention":{"eventsDays":"soon"}}""", "hooks:0:retention:eventsDays", "'soon' is not a number of days")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}},"retention":{"runsDays":-1}}""", "hooks:0:retention:runsDays", "from 0 (keep for ever)")]
    [InlineData("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}},"retention":{"days":7}}""", "hooks:0:retention:days", "unknown key")]
    public void Bad_definition_names_the_key(string json, string key, string problem)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(json));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.Contains("plugins.json", error.Message);
    }

    [Fact]
    public void A_retention_block_overrides_only_the_kinds_it_names()
    {
        var hook = Create("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}},"retention":{"eventsDays":7,"deliveriesDays":0.5}}""");

        Assert.Equal(new Webhooks.Modular.Core.Housekeeping.RetentionWindows(TimeSpan.FromDays(7), null, TimeSpan.FromHours(12)), hook.Retention);
        Assert.Null(Create("""{"name":"h","auth":{"scheme":"none"},"action":{"type":"in-process","settings":{"handler":"noop"}}}""").Retention);
    }

    private Hook Create(string json)
    {
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        return _factory.Create(section, "hooks:0", "/etc/webhooks/plugins.json", "/etc/webhooks");
    }
}
