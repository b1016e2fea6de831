using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Examples.Danube;

/// <summary>Danube's API requests, as <c>curl</c> sends them, and their answers.</summary>
internal sealed class DanubeClient(HttpClient client)
{
    public async Task<Answer> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return new Answer(response.StatusCode, body, text, response.Headers.WwwAuthenticate.ToString(), response.Headers.CacheControl?.ToString());
    }

    public async Task<string> LoginAsync(string username, string password)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", null, JsonSerializer.Serialize(new { username, password }));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Json.GetProperty("token").GetString()!;
    }

    /// <summary>Creates a webhook and returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateAsync(string token, string url, params string[] events)
    {
        var answer = await SendAsync(HttpMethod.Post, "/v1/webhooks", token, JsonSerializer.Serialize(new { url, events }));
        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        return (answer.Json.GetProperty("id").GetString()!, answer.Json.GetProperty("secret").GetString()!);
    }

    /// <summary>Publishes an event and returns its delivery ids.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(string token, string type, string dataJson)
    {
        var answer = await SendAsync(HttpMethod.Post, "/v1/events", token, $$"""{"event":"{{type}}","data":{{dataJson}}}""");
        Assert.True(answer.Status == HttpStatusCode.Accepted, answer.ToString());
        Assert.True(Guid.TryParse(answer.Json.GetProperty("event_id").GetString(), out _), answer.ToString());
        return answer.Json.GetProperty("deliveries").EnumerateArray().Select(d => d.GetString()!).ToArray();
    }

    /// <summary>Polls the webhook's deliveries until <paramref name="deliveryId"/> matches <paramref name="done"/>.</summary>
    public async Task<JsonElement> WaitForDeliveryAsync(string token, string webhookId, string deliveryId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Answer last = null!;
        while (DateTime.UtcNow < deadline)
        {
            last = await SendAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries?limit=100", token);
            Assert.True(last.Status == HttpStatusCode.OK, last.ToString());
            var delivery = last.Json.EnumerateArray().FirstOrDefault(d => d.GetProperty("id").GetString() == deliveryId);
            if (delivery.ValueKind == JsonValueKind.Object && done(delivery))
            {
                return delivery;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"delivery {deliveryId} did not reach the expected state; last list: {last}");
    }

    /// <summary>An answer: status, the JSON body when there is one, the text, any <c>WWW-Authenticate</c> and <c>Cache-Control</c>.</summary>
    internal sealed record Answer(HttpStatusCode Status, JsonElement? Body, string Text, string Challenge, string? CacheControl)
    {
        public JsonElement Json => Body ?? throw new InvalidOperationException($"no JSON body: {Status} {Text}");

        public override string ToString() => $"{(int)Status} {Text}";
    }
}
