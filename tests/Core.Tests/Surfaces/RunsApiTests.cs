using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Surfaces;

/// <summary><c>/runs</c> and <c>/events</c> show payloads: with a sign-in deployed they take a session; without, they stay open.</summary>
public sealed class RunsApiTests : IDisposable
{
    private const string PasswordVariable = "RUNS_API_VIEWER_PASSWORD";
    private const string Password = "runs-api-Pa55-9c1e";
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task With_builtin_sign_in_runs_and_events_need_a_session_of_any_role()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "echo ok")],
            extraPlugins: [new { name = "Auth.Bearer" }, new { name = "Auth.Builtin" }]);
        var created = await HostCommand.RunAsync(config, new Dictionary<string, string?> { [PasswordVariable] = Password },
            "user", "create", "--username", "runs-viewer", "--role", "viewer", "--password-env", PasswordVariable);
        Assert.True(created.ExitCode == 0, created.Error);
        await using var host = await LoopbackHost.StartAsync(config);
        var runId = await PostAsync(host);

        var anonymous = await host.Client.GetAsync($"/runs/{runId}");
        var anonymousEvents = await host.Client.GetAsync("/events");
        var session = await SignInAsync(host);
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, $"/runs/{runId}");
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        var withSession = await host.Client.SendAsync(signedIn);
        using var webhookKey = new HttpRequestMessage(HttpMethod.Get, $"/runs/{runId}");
        webhookKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Deployments.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousEvents.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(webhookKey)).StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_runs_stay_open_as_in_the_demo()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("h", "echo ok")]);
        await using var host = await LoopbackHost.StartAsync(config);
        var runId = await PostAsync(host);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/runs/{runId}")).StatusCode);
    }

    private static async Task<string> PostAsync(LoopbackHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/h") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", Deployments.ApiKey);
        var response = await host.Client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    private static async Task<string> SignInAsync(LoopbackHost host)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = "runs-viewer", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
