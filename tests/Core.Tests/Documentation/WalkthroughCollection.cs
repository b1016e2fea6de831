namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>Walk-throughs run one after another: each starts a host and runs several verbs, a heavy load on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WalkthroughCollection
{
    public const string Name = "walk-throughs";
}
