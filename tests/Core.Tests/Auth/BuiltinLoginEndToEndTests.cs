using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>
/// The builtin login through the real host: the first admin from the environment signs in over HTTP, a wrong password
/// gets the plain 401, and a user made with the host's <c>user</c> verb (another process, same database) signs in at once.
/// </summary>
public sealed class BuiltinLoginEndToEndTests : IDisposable
{
    // Distinctive, so that no other test's host (sharing this process's environment) mistakes them for its own.
    private const string AdminUsername = "e2e-builtin-root-5c1f";
    private const string AdminPassword = "e2e-builtin-Pa55word-9d2e";

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task First_admin_from_the_environment_signs_in_and_a_wrong_password_gets_the_plain_401()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Bearer" }, new { name = "Auth.Builtin" }]);
        var before = DateTimeOffset.UtcNow;
        await using var host = await StartWithFirstAdminAsync(config);

        using var login = await host.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.StartsWith("wms_", token);
        Assert.InRange(body.GetProperty("expiresAt").GetDateTimeOffset(), before.AddHours(24).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(24));
        Assert.Equal(AdminUsername, body.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal(ApiRoles.Admin, body.GetProperty("user").GetProperty("role").GetString());
        Assert.True(login.Headers.CacheControl?.NoStore);

        // What an API surface of this host would be told about the caller.
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = $"Bearer {token}";
        var caller = await host.Services.GetRequiredService<IApiAuthenticator>().AuthenticateAsync(context, CancellationToken.None);
        Assert.Equal((AdminUsername, ApiRoles.Admin), (caller?.Username, caller?.Role));

        using var wrong = await host.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"code":"unauthorized","message":"invalid username or password"}""", await wrong.Content.ReadAsStringAsync());

        using var notJson = await host.Client.PostAsync("/api/v1/auth/login", new StringContent("username=root"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("bad_request", (await notJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task User_created_with_the_host_verb_signs_in_to_the_running_host()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Bearer" }, new { name = "Auth.Builtin" }]);
        await using var host = await StartWithFirstAdminAsync(config);
        var environment = new Dictionary<string, string?> { ["E2E_BUILTIN_OPERATOR_PASSWORD"] = "e2e-operator-Pa55-3b7a" };

        var created = await HostCommand.RunAsync(
            config, environment, "user", "create", "--username", "e2e-operator-3b7a", "--role", "operator", "--password-env", "E2E_BUILTIN_OPERATOR_PASSWORD");
        var badRole = await HostCommand.RunAsync(
            config, environment, "user", "create", "--username", "e2e-other", "--role", "superuser", "--password-env", "E2E_BUILTIN_OPERATOR_PASSWORD");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.StartsWith("created user e2e-operator-3b7a (role operator", created.Output);
        Assert.Equal(2, badRole.ExitCode);
        Assert.StartsWith("error: role 'superuser' is not one of admin, manager, developer, operator, viewer", badRole.Error);

        using var login = await host.Client.PostAsJsonAsync("/api/v1/auth/login", new { username = "e2e-operator-3b7a", password = "e2e-operator-Pa55-3b7a" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ApiRoles.Operator, body.GetProperty("user").GetProperty("role").GetString());

        var listed = await HostCommand.RunAsync(config, "user", "list");
        Assert.Contains("e2e-operator-3b7a", listed.Output);
        Assert.Contains(AdminUsername, listed.Output);
    }

    [Fact]
    public async Task Failed_logins_from_one_address_then_429_with_Retry_After_while_another_address_signs_in()
    {
        const int limit = 3;
        const int windowSeconds = 5;
        var config = Deployments.Write(_folder, [], extraPlugins:
        [
            new { name = "Auth.Bearer" },
            new { name = "Auth.Builtin", settings = new { loginFailures = new { limit, windowSeconds } } },
        ]);
        await using var host = await StartWithFirstAdminAsync(config);
        using var guesser = RawHttp.ClientFrom(IPAddress.Parse("127.0.0.2"), host.Address);
        using var colleague = RawHttp.ClientFrom(IPAddress.Parse("127.0.0.3"), host.Address);

        // Unknown names count as much as wrong passwords.
        for (var i = 0; i < limit; i++)
        {
            using var wrong = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { username = i == 0 ? "nobody" : AdminUsername, password = $"guess-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = "guess-again" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(windowSeconds));
        Assert.Equal("too_many_requests", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True(refused.Headers.CacheControl?.NoStore);

        // The right password from the refused address is refused too (else the 429 would tell which guess was right).
        using var rightFromGuesser = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, rightFromGuesser.StatusCode);

        using var fromColleague = await colleague.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, fromColleague.StatusCode);

        // Once the window has passed, the address may sign in again (polled: no fixed sleep).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode status;
        do
        {
            using var again = await guesser.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });
            status = again.StatusCode;
            if (status == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);

        // Signing in successfully, many times, spends nothing.
        for (var i = 0; i < limit * 3; i++)
        {
            using var ok = await colleague.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUsername, password = AdminPassword });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    /// <summary>Starts the host with the first-admin variables set, and clears them once it has started (and used them).</summary>
    private static async Task<LoopbackHost> StartWithFirstAdminAsync(string config)
    {
        Environment.SetEnvironmentVariable("WEBHOOKS_ADMIN_USERNAME", AdminUsername);
        Environment.SetEnvironmentVariable("WEBHOOKS_ADMIN_PASSWORD", AdminPassword);
        try
        {
            return await LoopbackHost.StartAsync(config);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WEBHOOKS_ADMIN_USERNAME", null);
            Environment.SetEnvironmentVariable("WEBHOOKS_ADMIN_PASSWORD", null);
        }
    }
}
