using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dograh;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary><c>/api/v1/credentials</c> on real Kestrel, composed by the plugin itself, over the engine's contracts.</summary>
public sealed class CredentialApiTests : IAsyncLifetime
{
    private const string UsedCredential = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private readonly DograhFolder _folder = new();
    private readonly MemoryCredentials _credentials = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _folder.Write("support.json", SeedWorkflow.WithData($$"""{ "endpoint_url": "https://crm.example/", "credential_uuid": "{{UsedCredential}}" }"""));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IApiAuthenticator, FakeSessions>();
        builder.Services.AddSingleton<ICredentialManager>(_credentials);
        builder.Services.AddSingleton<IDestinationManager, RecordingDestinations>();
        new DograhSurfacePlugin().ConfigureServices(
            builder.Services, _folder.Context("""{ "workflows": [ { "id": 1, "hook": "call-completed", "file": "support.json" } ] }"""));
        _app = builder.Build();
        foreach (var surface in _app.Services.GetServices<IApiSurface>())
        {
            surface.Map(_app);
        }

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Text, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? role = ApiRoles.Developer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (role is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", FakeSessions.Prefix + role);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task A_created_credential_is_shown_with_a_hint_and_never_its_data()
    {
        var (status, text, response) = await SendAsync(HttpMethod.Post, "/api/v1/credentials", json: """
            { "name": "CRM key", "credential_type": "API_KEY", "credential_data": { "header_name": "X-CRM-Key", "api_key": "sk-live-4f9a8b7c6d5e9f2" } }
            """);

        Assert.True(status == HttpStatusCode.Created, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var created = Json(text);
        var uuid = created.GetProperty("uuid").GetString()!;
        Assert.True(Guid.TryParse(uuid, out _));
        Assert.Equal(("CRM key", "API_KEY", "…9f2"), (created.GetProperty("name").GetString(), created.GetProperty("credential_type").GetString(), created.GetProperty("hint").GetString()));
        Assert.Equal("2026-11-22T12:00:01.000Z", created.GetProperty("created_at").GetString());
        Assert.Equal(["uuid", "name", "credential_type", "hint", "created_at"], created.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sk-live-4f9a8b7c6d5e9f2", _credentials.DataOf(uuid)["api_key"]);
        Assert.Equal("X-CRM-Key", _credentials.DataOf(uuid)["header_name"]);

        var listed = await SendAsync(HttpMethod.Get, "/api/v1/credentials", ApiRoles.Viewer);
        var one = await SendAsync(HttpMethod.Get, $"/api/v1/credentials/{uuid}", ApiRoles.Viewer);
        var upper = await SendAsync(HttpMethod.Get, $"/api/v1/credentials/{uuid.ToUpperInvariant()}", ApiRoles.Viewer);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (listed.Status, one.Status, upper.Status));
        Assert.Equal(uuid, Assert.Single(Json(listed.Text).EnumerateArray()).GetProperty("uuid").GetString());
        Assert.Equal(text, one.Text);
        Assert.DoesNotContain("sk-live", text + listed.Text + one.Text);
        Assert.DoesNotContain("credential_data", text + listed.Text + one.Text);
    }

    [Theory]
    [InlineData("NONE", "{}")]
    [InlineData("BEARER_TOKEN", """{ "token": "tok-123456" }""")]
    [InlineData("BASIC_AUTH", """{ "username": "crm", "password": "hunter22" }""")]
    [InlineData("CUSTOM_HEADER", """{ "header_name": "X-Signature", "header_value": "v1-abcdef" }""")]
    [InlineData("bearer_token", """{ "token": "tok-123456" }""")]
    public async Task Every_type_can_be_created(string type, string data)
    {
        var (status, text, _) = await SendAsync(HttpMethod.Post, "/api/v1/credentials", ApiRoles.Admin,
            $$"""{ "name": "c", "credential_type": "{{type}}", "credential_data": {{data}} }""");

        Assert.True(status == HttpStatusCode.Created, text);
        Assert.Equal(type.ToUpperInvariant(), Json(text).GetProperty("credential_type").GetString());
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("[]", null)]
    [InlineData("""{ "credential_type": "NONE" }""", "name")]
    [InlineData("""{ "name": "  ", "credential_type": "NONE" }""", "name")]
    [InlineData("""{ "name": 5, "credential_type": "NONE" }""", "name")]
    [InlineData("""{ "name": "c" }""", "credential_type")]
    [InlineData("""{ "name": "c", "credential_type": "OAUTH2" }""", "credential_type")]
    [InlineData("""{ "name": "c", "credential_type": 1 }""", "credential_type")]
    [InlineData("""{ "name": "c", "credential_type": "API_KEY", "credential_data": "sk-1" }""", "credential_data")]
    [InlineData("""{ "name": "c", "credential_type": "API_KEY", "credential_data": { "api_key": 12345 } }""", "credential_data.api_key")]
    [InlineData("""{ "name": "c", "credential_type": "API_KEY", "credential_data": {} }""", "credential_data.api_key")]
    [InlineData("""{ "name": "c", "credential_type": "BEARER_TOKEN" }""", "credential_data.token")]
    [InlineData("""{ "name": "c", "credential_type": "BASIC_AUTH", "credential_data": { "username": "u" } }""", "credential_data.password")]
    [InlineData("""{ "name": "c", "credential_type": "CUSTOM_HEADER", "credential_data": { "header_value": "v" } }""", "credential_data.header_name")]
    public async Task Each_invalid_body_is_a_400_naming_the_field(string body, string? field)
    {
        var (status, text, _) = await SendAsync(HttpMethod.Post, "/api/v1/credentials", json: body);

        Assert.True(status == HttpStatusCode.BadRequest, text);
        var error = Json(text);
        var detail = error.GetProperty("detail").GetString()!;
        if (field is null)
        {
            Assert.Contains("JSON object", detail);
            Assert.False(error.TryGetProperty("field", out _));
        }
        else
        {
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.Contains(field, detail);
        }

        Assert.Empty(await _credentials.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Delete_answers_204_then_404()
    {
        var created = Json((await SendAsync(HttpMethod.Post, "/api/v1/credentials", json: """{ "name": "c", "credential_type": "BEARER_TOKEN", "credential_data": { "token": "tok-1" } }""")).Text);
        var uuid = created.GetProperty("uuid").GetString()!;

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/credentials/{uuid}", ApiRoles.Manager);
        var again = await SendAsync(HttpMethod.Delete, $"/api/v1/credentials/{uuid}", ApiRoles.Manager);
        var read = await SendAsync(HttpMethod.Get, $"/api/v1/credentials/{uuid}");

        Assert.Equal((HttpStatusCode.NoContent, ""), (deleted.Status, deleted.Text));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Contains("not found", Json(read.Text).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "00000000-0000-0000-0000-000000000001")]
    [InlineData("GET", "not-a-uuid")]
    [InlineData("DELETE", "00000000-0000-0000-0000-000000000001")]
    [InlineData("DELETE", "not-a-uuid")]
    public async Task Unknown_ids_are_404(string method, string id) =>
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(new HttpMethod(method), $"/api/v1/credentials/{id}")).Status);

    [Fact]
    public async Task A_credential_a_webhook_node_uses_cannot_be_deleted()
    {
        _credentials.Add(new CredentialRecord(UsedCredential, "crm", CredentialTypes.BearerToken, "protected", "…x-1", DateTimeOffset.UnixEpoch));

        var (status, text, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/credentials/{UsedCredential.ToUpperInvariant()}", ApiRoles.Admin);

        Assert.True(status == HttpStatusCode.Conflict, text);
        Assert.Contains("workflow 1 node 'webhook-1'", Json(text).GetProperty("detail").GetString());
        Assert.NotNull(await _credentials.GetAsync(UsedCredential, CancellationToken.None));
    }

    [Theory]
    [InlineData("GET", "/api/v1/credentials")]
    [InlineData("GET", "/api/v1/credentials/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/v1/credentials")]
    [InlineData("DELETE", "/api/v1/credentials/00000000-0000-0000-0000-000000000001")]
    public async Task Without_a_session_every_route_is_401(string method, string path)
    {
        var (status, text, response) = await SendAsync(new HttpMethod(method), path, role: null, json: method == "POST" ? """{ "name": "c", "credential_type": "NONE" }""" : null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("session", Json(text).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(ApiRoles.Viewer)]
    [InlineData(ApiRoles.Operator)]
    public async Task Viewers_and_operators_may_read_but_not_create_or_delete(string role)
    {
        var created = await _credentials.CreateAsync("c", CredentialTypes.None, new Dictionary<string, string>(), CancellationToken.None);

        var create = await SendAsync(HttpMethod.Post, "/api/v1/credentials", role, """{ "name": "c", "credential_type": "NONE" }""");
        var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/credentials/{created.Id}", role);
        var list = await SendAsync(HttpMethod.Get, "/api/v1/credentials", role);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK), (create.Status, delete.Status, list.Status));
        Assert.Single(await _credentials.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = $$"""{ "name": "c", "credential_type": "BEARER_TOKEN", "credential_data": { "token": "{{new string('x', 70_000)}}" } }""";

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(HttpMethod.Post, "/api/v1/credentials", json: huge)).Status);
    }
}
