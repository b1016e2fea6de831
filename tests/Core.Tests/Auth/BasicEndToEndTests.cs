using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>The <c>basic</c> scheme end to end: the Auth.Basic plugin loaded from its folder by the real host.</summary>
public sealed class BasicEndToEndTests : IAsyncLifetime
{
    private const string Realm = "ci hooks";
    private const string Password = "correct horse: battery staple";

    private readonly TempFolder _folder = new();
    private readonly string _passwordVariable = $"BASIC_E2E_PASSWORD_{Guid.NewGuid():N}";
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, Password);
        var config = Deployments.Write(_folder,
            [new
            {
                name = "ci",
                auth = new
                {
                    scheme = "basic",
                    settings = new { realm = Realm, users = new[] { new { username = "jenkins", password = $"env:{_passwordVariable}" } } },
                },
                action = new { type = "command", settings = new { command = "true" } },
            }],
            extraPlugins: [new { name = "Auth.Basic" }]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Missing_or_wrong_credentials_are_401_with_a_basic_challenge_and_nothing_stored()
    {
        var before = CountEvents();

        var responses = new[]
        {
            await PostAsync(authorization: null),
            await PostAsync(Credentials("jenkins", "wrong password")),
            await PostAsync(Credentials("nobody", Password)),
            await PostAsync(new AuthenticationHeaderValue("Bearer", "some-token")),
        };

        Assert.All(responses, response =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal($"Basic realm=\"{Realm}\", charset=\"UTF-8\"", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        });
        Assert.Equal(before, CountEvents());
    }

    [Fact]
    public async Task Right_credentials_are_200_and_the_stored_authorization_header_is_redacted()
    {
        var credentials = Credentials("jenkins", Password);

        var response = await PostAsync(credentials);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();
        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}");
        Assert.Equal("[redacted]", Assert.Single(stored.GetProperty("headers").GetProperty("Authorization").EnumerateArray()).GetString());
        Assert.DoesNotContain(credentials.Parameter!, stored.GetRawText(), StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Credentials(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    private Task<HttpResponseMessage> PostAsync(AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/ci") { Content = new StringContent("""{"build":42}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        return _host.Client.SendAsync(request);
    }

    private long CountEvents() => StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
}
