namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// The backlog gauges' tests run when no other test's host is alive: every host in the process registers the same
/// observable instruments (same meter name, same instrument names) on a meter of its own, and an exporter that sees a
/// second registration of a name may keep the first host's callback only, so this test's own series could go missing
/// while another test's host lives beside it. One host per process, as deployed, has no such overlap.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BacklogGaugeCollection
{
    public const string Name = "backlog gauges";
}
