using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Helpers to follow runs through the HTTP API.</summary>
public static class RunPolling
{
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string runId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/runs/{runId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                var status = last.GetProperty("status").GetString();
                if (status is "succeeded" or "failed")
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {runId} did not finish; last seen: {last}");
    }
}
