using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Webhooks.Modular.Bench.Scenarios;

/// <summary>
/// The runs the host acknowledged, in the order their requests were sent, and waiting for them through
/// <c>GET /runs/{id}</c> (the database is not read while the host runs; see <see cref="Storage.RunTable"/>).
/// </summary>
internal sealed class AcceptedRuns
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    // Bodies are kept as they came and parsed after the load, so the load generator does no extra work.
    private readonly ConcurrentBag<(long Number, string Body)> _answers = [];

    /// <summary>Records one 200's body; thread-safe, cheap.</summary>
    /// <param name="number">The request's number.</param>
    /// <param name="body">The answer's body.</param>
    public void Add(long number, string body) => _answers.Add((number, body));

    /// <summary>
    /// Waits until every acknowledged run has finished: first the last one sent (runs are claimed oldest first,
    /// so it is about the last to run), then each of the others once.
    /// </summary>
    /// <param name="client">A client for the host.</param>
    /// <param name="deadline">When to give up.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>How many runs are still unfinished at the deadline (0 when all finished).</returns>
    public async Task<int> WaitForAllAsync(HttpClient client, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var runIds = _answers.OrderBy(a => a.Number).Select(a => RunIdOf(a.Body)).ToList();
        for (var i = runIds.Count - 1; i >= 0; i--)
        {
            // Last first, then from the oldest; by then nearly all are done and each costs one GET.
            var index = i == runIds.Count - 1 ? i : runIds.Count - 2 - i;
            while (!await IsFinishedAsync(client, runIds[index], cancellationToken))
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    return i + 1;
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }

        return 0;
    }

    private static async Task<bool> IsFinishedAsync(HttpClient client, string runId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/runs/{runId}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /runs/{runId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var run = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return run.GetProperty("status").GetString() is "succeeded" or "failed";
    }

    private static string RunIdOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("runId").GetString()
            ?? throw new InvalidOperationException($"a 200 without a runId: {body}");
    }
}
