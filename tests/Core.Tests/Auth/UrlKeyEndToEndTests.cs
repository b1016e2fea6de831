using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>The <c>url-key</c> scheme end to end: the Auth.UrlKey plugin loaded from its folder by the real host.</summary>
public sealed class UrlKeyEndToEndTests : IAsyncLifetime
{
    private const string Key = "6f1c0e9a4b2d7f3e8a5c1b9d0e4f2a7c";

    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;

    public async Task InitializeAsync()
    {
        var config = Deployments.Write(_folder,
            [new
            {
                name = "kestra",
                auth = new { scheme = "url-key", settings = new { key = Key } },
                action = new { type = "command", settings = new { command = "true" } },
            }],
            extraPlugins: [new { name = "Auth.UrlKey" }]);
        _host = await LoopbackHost.StartAsync(config);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Key_in_the_path_is_200_and_the_stored_path_hides_it()
    {
        var response = await PostAsync($"/hooks/kestra/{Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();
        var stored = await _host.Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}");
        Assert.Equal("/hooks/kestra/[redacted]", stored.GetProperty("path").GetString());
        Assert.DoesNotContain(Key, stored.GetRawText());
    }

    [Fact]
    public async Task Wrong_key_is_401_without_a_challenge_and_nothing_stored()
    {
        var before = CountEvents();

        var response = await PostAsync($"/hooks/kestra/{Key[..^1]}0");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal(before, CountEvents());
    }

    [Fact]
    public async Task Hook_url_without_a_key_is_401_and_nothing_stored()
    {
        var before = CountEvents();

        var response = await PostAsync("/hooks/kestra");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, CountEvents());
    }

    private Task<HttpResponseMessage> PostAsync(string path) =>
        _host.Client.PostAsync(path, new StringContent("""{"flow":"nightly"}""", Encoding.UTF8, "application/json"));

    private long CountEvents() => StoredRows.InboundEvents(Deployments.DatabasePath(_folder));
}
