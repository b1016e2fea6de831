using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The requests of Dagu's webhook documentation, as <c>curl</c> sends them, and their answers.</summary>
internal sealed class DaguApiClient(HttpClient client)
{
    public async Task<Answer> SendAsync(HttpMethod method, string path, string? token = null, string? json = null)
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

        return await SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return new Answer(response.StatusCode, body, text, response.Headers.WwwAuthenticate.ToString());
    }

    public async Task<string> LoginAsync(string username, string password)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", json: JsonSerializer.Serialize(new { username, password }));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Body!.Value.GetProperty("token").GetString()!;
    }

    public Task<Answer> TriggerAsync(string token, string? json = null, string dag = "my-dag") =>
        SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{dag}", token, json);

    /// <summary>Polls <c>GET /api/v1/dag-runs/{dag}/{id}</c> until the run has finished.</summary>
    public async Task<JsonElement> WaitForRunAsync(string sessionToken, string dagRunId, string dag = "my-dag")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Answer last = default!;
        while (DateTime.UtcNow < deadline)
        {
            last = await SendAsync(HttpMethod.Get, $"/api/v1/dag-runs/{dag}/{dagRunId}", sessionToken);
            if (last.Status == HttpStatusCode.OK && last.Body!.Value.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return last.Body.Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"dag-run {dagRunId} did not finish; last answer: {last.Status} {last.Text}");
    }

    /// <summary>An answer: status, the JSON body when there is one, the text, and any <c>WWW-Authenticate</c>.</summary>
    internal sealed record Answer(HttpStatusCode Status, JsonElement? Body, string Text, string Challenge)
    {
        public JsonElement Json => Body ?? throw new InvalidOperationException($"no JSON body: {Status} {Text}");

        public string? Code => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("code", out var code) ? code.GetString() : null;

        public override string ToString() => $"{(int)Status} {Text}";
    }
}
