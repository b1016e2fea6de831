using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Runs;

/// <summary>kill -9 of the real host while runs are queued and running loses none of them.</summary>
public sealed class KillRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Runs_queued_or_running_when_the_host_is_killed_all_finish_after_restart()
    {
        var config = Deployments.Write(_folder,
            [Deployments.CommandHook("slow", "sleep 2; echo \"done $WEBHOOK_PAYLOAD\"")],
            runs: new { concurrency = 1, leaseSeconds = 2, pollMilliseconds = 100 });

        var runIds = new List<string>();
        await using (var first = HostProcess.Start(config))
        {
            await first.WaitUntilReadyAsync();
            for (var i = 0; i < 3; i++)
            {
                var response = await PostAsync(first.Client, $"{{\"n\":{i}}}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                runIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!);
            }

            await WaitForStatusAsync(first.Client, runIds[0], "running");
            first.KillHard();
        }

        await using var second = HostProcess.Start(config);
        await second.WaitUntilReadyAsync();
        foreach (var (runId, index) in runIds.Select((id, i) => (id, i)))
        {
            var run = await RunPolling.WaitForRunAsync(second.Client, runId, TimeSpan.FromSeconds(60));
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            Assert.Contains($"\"n\":{index}", run.GetProperty("output").GetString());
        }

        var interrupted = await second.Client.GetFromJsonAsync<JsonElement>($"/runs/{runIds[0]}");
        Assert.Equal(2, interrupted.GetProperty("attempt").GetInt32());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/slow") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        return client.SendAsync(request);
    }

    private static async Task WaitForStatusAsync(HttpClient client, string runId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/runs/{runId}");
            if (run.GetProperty("status").GetString() == status)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"run {runId} never reached {status}");
    }
}
