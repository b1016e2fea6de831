using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>Kestra's webhook and execution requests, as <c>curl</c> sends them, and their answers.</summary>
internal sealed class KestraClient(HttpClient client)
{
    public async Task<Answer> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json", string? sessionToken = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (sessionToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return new Answer(response.StatusCode, json, text);
    }

    /// <summary>Signs in with builtin auth and returns the session token.</summary>
    public async Task<string> LoginAsync(string username, string password)
    {
        var answer = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", JsonSerializer.Serialize(new { username, password }));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Json.GetProperty("token").GetString()!;
    }

    /// <summary>Polls <c>GET /api/v1/executions/{id}</c> until the execution has finished.</summary>
    public async Task<JsonElement> WaitForExecutionAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Answer last = default!;
        while (DateTime.UtcNow < deadline)
        {
            last = await SendAsync(HttpMethod.Get, $"/api/v1/executions/{id}");
            if (last.Status == HttpStatusCode.OK && last.Json.GetProperty("state").GetProperty("current").GetString() is "SUCCESS" or "FAILED")
            {
                return last.Json;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"execution {id} did not finish; last answer: {last}");
    }

    /// <summary>An answer: status, the JSON body when there is one, and the text.</summary>
    internal sealed record Answer(HttpStatusCode Status, JsonElement? Body, string Text)
    {
        public JsonElement Json => Body ?? throw new InvalidOperationException($"no JSON body: {this}");

        public string? Message => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("message", out var message) ? message.GetString() : null;

        public override string ToString() => $"{(int)Status} {Text}";
    }
}
