using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// The shipped <c>examples/dagnats</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository,
/// and the requests of DagNats' webhook documentation as <c>curl</c> and <c>openssl</c> send them.
/// </summary>
internal static class DagNatsExample
{
    public const string EnvironmentSecret = "whsec_your_secret_here";

    public static string SourceFolder => ExampleDeployment.SourceFolder("dagnats");

    /// <summary>The environment the README starts the server with.</summary>
    public static IReadOnlyDictionary<string, string?> ServerEnvironment { get; } = new Dictionary<string, string?>
    {
        ["DAGNATS_WEBHOOK_SECRET"] = EnvironmentSecret,
    };

    /// <summary>Copies the example and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder) => ExampleDeployment.CopyTo("dagnats", folder);

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of the body, as <c>openssl dgst -sha256 -hmac</c> computes it.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary><c>POST /v1/webhooks/{name}</c> with the body, a content type and, when given, a signature.</summary>
    public static async Task<Answer> PostAsync(HttpClient client, string trigger, string body, string? signature, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{trigger}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-256", signature);
        }

        return await SendAsync(client, request);
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return new Answer(response.StatusCode, json, text);
    }

    public static async Task<Answer> GetAsync(HttpClient client, string path) =>
        await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Polls <c>GET /v1/runs/{id}</c> until the run has finished.</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Answer? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(client, $"/v1/runs/{runId}");
            if (last.Status == HttpStatusCode.OK && last.Json!.Value.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return last.Json.Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {runId} did not finish; last seen: {last}");
    }

    /// <summary>An HTTP answer: status, parsed JSON body (when JSON), raw text.</summary>
    public sealed record Answer(HttpStatusCode Status, JsonElement? Json, string Text)
    {
        public string? Error => Json?.TryGetProperty("error", out var error) == true ? error.GetString() : null;

        public override string ToString() => $"{(int)Status} {Text}";
    }
}
