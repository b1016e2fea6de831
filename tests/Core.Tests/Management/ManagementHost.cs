using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Management;

/// <summary>
/// The real host with the management API, the builtin sign-in (a viewer and an operator made with the host's
/// <c>user</c> verb), the console (<c>Console.Web</c>), a command hook <c>orders</c>, the HTTP channel allowed to reach
/// loopback, and a receiver.
/// </summary>
internal sealed class ManagementHost : IAsyncDisposable
{
    public const string Hook = "orders";
    private const string PasswordVariable = "MANAGEMENT_API_TEST_PASSWORD";
    /// <summary>The password of both users, <c>mgmt-viewer</c> and <c>mgmt-operator</c>.</summary>
    public const string Password = "mgmt-api-Pa55-4d1b";

    private readonly TempFolder _folder;

    private ManagementHost(TempFolder folder, LoopbackHost host, Receiver receiver, string viewer, string operatorToken)
    {
        _folder = folder;
        Host = host;
        Receiver = receiver;
        Viewer = viewer;
        Operator = operatorToken;
    }

    public LoopbackHost Host { get; }

    public Receiver Receiver { get; }

    /// <summary>A viewer's session token.</summary>
    public string Viewer { get; }

    /// <summary>An operator's session token.</summary>
    public string Operator { get; }

    public IDestinationManager Destinations => Host.Services.GetRequiredService<IDestinationManager>();

    public static async Task<ManagementHost> StartAsync()
    {
        var folder = new TempFolder();
        var receiver = await Receiver.StartAsync();
        var config = Deployments.Write(folder, [Deployments.CommandHook(Hook, "echo handled")], extraPlugins:
        [
            new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" }, timeoutSeconds = 10 } },
            new { name = "Auth.Bearer" },
            new { name = "Auth.Builtin" },
            new { name = "Api.Management" },
            new { name = "Console.Web" },
        ]);
        var environment = new Dictionary<string, string?> { [PasswordVariable] = Password };
        foreach (var role in new[] { "viewer", "operator" })
        {
            var created = await HostCommand.RunAsync(config, environment, "user", "create", "--username", "mgmt-" + role, "--role", role, "--password-env", PasswordVariable);
            Assert.True(created.ExitCode == 0, created.Error);
        }

        var host = await LoopbackHost.StartAsync(config, webhooks => webhooks.ConfigureDelivery(o =>
        {
            o.PollMilliseconds = 50;
            o.Jitter = 0;
        }));
        return new ManagementHost(folder, host, receiver, await SignInAsync(host, "mgmt-viewer"), await SignInAsync(host, "mgmt-operator"));
    }

    /// <summary>Posts to the hook with its API key and the given extra headers; returns the answer's ids.</summary>
    public async Task<(string RequestId, string EventId, string RunId)> PostAsync(string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{Hook}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("requestId").GetString()!, answer.GetProperty("eventId").GetString()!, answer.GetProperty("runId").GetString()!);
    }

    /// <summary>Sends a request with <paramref name="token"/> as the bearer (none when <c>null</c>).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Host.Client.SendAsync(request);
    }

    /// <summary>GETs <paramref name="path"/> as the viewer, expecting 200, and returns the JSON.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, Viewer);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds (the worker acts asynchronously).</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await GetAsync(path);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: last answer of {path} was {value}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static async Task<string> SignInAsync(LoopbackHost host, string username)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
