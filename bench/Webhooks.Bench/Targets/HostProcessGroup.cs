namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// Several identical host processes on one deployment file (hence one database), started together as in
/// <c>examples/scale-out</c>, each on a port of its own.
/// </summary>
internal sealed class HostProcessGroup : IAsyncDisposable
{
    private readonly IReadOnlyList<HostProcessTarget> _hosts;

    private HostProcessGroup(IReadOnlyList<HostProcessTarget> hosts)
    {
        _hosts = hosts;
    }

    /// <summary>The hosts, in the order the load generator's clients use them.</summary>
    public IReadOnlyList<HostProcessTarget> Hosts => _hosts;

    /// <summary>The hosts' process ids, for their CPU time.</summary>
    public IReadOnlyCollection<int> ProcessIds => [.. _hosts.Select(h => h.ProcessId)];

    /// <summary>Starts <paramref name="count"/> hosts at once (they migrate the schema under the plugin's advisory lock) and waits for all.</summary>
    /// <param name="count">How many hosts.</param>
    /// <param name="hostPath">The host's dll.</param>
    /// <param name="configPath">The deployment file they share.</param>
    /// <param name="environment">Variables to set for each process.</param>
    /// <param name="cancellationToken">Stops waiting; the hosts are then killed.</param>
    public static async Task<HostProcessGroup> StartAsync(
        int count, string hostPath, string configPath, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var starting = Enumerable.Range(0, count)
            .Select(_ => HostProcessTarget.StartAsync(hostPath, configPath, environment, cancellationToken))
            .ToList();
        try
        {
            return new HostProcessGroup(await Task.WhenAll(starting));
        }
        catch
        {
            // The ones that did start must not outlive the failure.
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Stops every host at once (SIGTERM) and waits for them.</summary>
    /// <returns>Each host's exit code, in order.</returns>
    public Task<int[]> StopAsync() => Task.WhenAll(_hosts.Select(h => h.StopAsync()));

    /// <summary>What the hosts wrote (they log at Warning), one note per host that wrote anything.</summary>
    public IEnumerable<string> LogNotes() =>
        _hosts.Select((host, i) => (host, i))
            .Where(h => h.host.Lines > 0)
            .Select(h => $"host {h.i + 1} wrote {h.host.Lines} log lines; the first: {string.Join(" | ", h.host.FirstLines)}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
