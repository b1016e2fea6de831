using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples.Dograh;

/// <summary>
/// The shipped <c>examples/dograh</c> deployment, copied to a temp folder, with its webhook node pointed at a test
/// receiver instead of the walk-through's <c>127.0.0.1:9000</c>, and the requests of its README.
/// </summary>
internal static class DograhExample
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "seed-admin-password-5Tg";
    public const string CallKey = "seed-call-key-0123456789abcdef";
    public const string WorkflowFile = "workflows/support.json";

    /// <summary>The environment the README starts the host with: the first admin and the hook's key.</summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = AdminUsername,
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
        ["DOGRAH_CALL_KEY"] = CallKey,
    };

    /// <summary>Copies the example, sends its webhook node to <paramref name="receiver"/>, and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder, Uri receiver)
    {
        var config = ExampleDeployment.CopyTo("dograh", folder);
        EditNode(folder, data =>
        {
            var url = data["endpoint_url"]!.GetValue<string>();
            Assert.StartsWith("http://127.0.0.1:9000/", url); // the README's receiver
            data["endpoint_url"] = url.Replace("http://127.0.0.1:9000/", $"http://127.0.0.1:{receiver.Port}/", StringComparison.Ordinal);
        });
        return config;
    }

    /// <summary>Changes the webhook node's <c>data</c>, as an operator edits the workflow file.</summary>
    public static void EditNode(TempFolder folder, Action<JsonObject> change)
    {
        var file = folder.File(WorkflowFile);
        var definition = JsonNode.Parse(File.ReadAllText(file))!;
        var node = definition["nodes"]!.AsArray().Single(n => n!["type"]!.GetValue<string>() == "webhook")!;
        change(node["data"]!.AsObject());
        File.WriteAllText(file, definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary><c>POST /api/v1/auth/login</c>: the session token.</summary>
    public static async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Sends a JSON request with a session token; the status and body text.</summary>
    public static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient client, HttpMethod method, string path, string? session, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (session is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The call platform reports a finished call: <c>POST /hooks/call-completed</c>; the run's id.</summary>
    public static async Task<string> ReportCallAsync(HttpClient client, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/call-completed")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", CallKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
    }
}
