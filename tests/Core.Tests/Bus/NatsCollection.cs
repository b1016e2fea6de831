namespace Webhooks.Modular.Core.Tests.Bus;

/// <summary>The tests that share the NATS server from <c>WEBHOOKS_TEST_NATS</c> run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class NatsCollection
{
    public const string Name = "nats";
}
