using System.Net;

namespace Webhooks.Modular.Core.Tests.Health;

/// <summary>Polls a health path until it gives the wanted status (or the time-out passes), and returns the last answer.</summary>
public static class HealthProbe
{
    public static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(
        HttpClient client, string path, HttpStatusCode wanted, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(200);
        }
    }
}
