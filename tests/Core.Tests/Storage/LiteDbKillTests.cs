using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Storage;

/// <summary>
/// Acknowledged means persisted, on Storage.LiteDb: kill -9 of the real host in the middle of an inbound burst loses
/// none of the requests it had answered 200, and the file opens again (LiteDB replays its log) on restart.
/// </summary>
public sealed class LiteDbKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 12;
    private const int AcknowledgedBeforeKill = 300;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Kill_9_during_an_inbound_burst_loses_no_acknowledged_event_on_LiteDb()
    {
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("burst", "true")],
            runs: new { concurrency = 1, leaseSeconds = 30, pollMilliseconds = 200 },
            storage: new { name = "Storage.LiteDb", settings = new { path = "data/webhooks.litedb" } });

        var acknowledged = new ConcurrentDictionary<string, string>(); // run id -> event id
        var sent = 0;
        var unanswered = 0;
        var killed = 0;
        await using (var first = HostProcess.Start(config))
        {
            await first.WaitUntilReadyAsync();
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var response = await PostAsync(first.Client, $"{{\"sender\":{sender},\"i\":{i}}}");
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            continue;
                        }

                        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                        acknowledged[body.GetProperty("runId").GetString()!] = body.GetProperty("eventId").GetString()!;

                        // Killed the moment an answer arrives, not after a poll: the batch that carried this answer
                        // (and others answered with it) is as fresh as it can be, so answering before the commit is
                        // durable would lose it.
                        if (acknowledged.Count >= AcknowledgedBeforeKill && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            first.KillHard();
                            return;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                    {
                        // The host died under this request (or mid-answer): it was never acknowledged, so it may be lost.
                        Interlocked.Increment(ref unanswered);
                        return;
                    }
                }
            })).ToArray();

            // A sender kills the host while the others are still sending: the writer has commits in flight at that moment.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Volatile.Read(ref killed) == 0 && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(20);
            }

            stop.Cancel();
            Assert.True(Volatile.Read(ref killed) == 1, $"only {acknowledged.Count} requests acknowledged before the deadline: {first.StandardError}");
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"sent {sent}, acknowledged {acknowledged.Count}, cut off by the kill {unanswered}");
        Assert.True(File.Exists(_folder.File("data/webhooks-log.litedb")), "LiteDB's log file should exist beside the database");

        await using var second = HostProcess.Start(config);
        await second.WaitUntilReadyAsync();
        var missing = new List<string>();
        foreach (var (runId, eventId) in acknowledged)
        {
            using var run = await second.Client.GetAsync($"/runs/{runId}");
            using var stored = await second.Client.GetAsync($"/events/{eventId}");
            if (run.StatusCode != HttpStatusCode.OK || stored.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{runId} (run {(int)run.StatusCode}, event {(int)stored.StatusCode})");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged requests lost: {string.Join(", ", missing.Take(10))}");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/burst") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        return client.SendAsync(request);
    }
}
