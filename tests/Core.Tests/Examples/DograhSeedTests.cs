using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Examples.Dograh;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// Dograh's webhook documentation against the real host executable running the shipped <c>examples/dograh</c>
/// deployment: a finished call's run delivers the webhook node's payload template, rendered, to a real receiver on
/// loopback, with the headers of each type of stored credential.
/// </summary>
public sealed class DograhSeedTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private Receiver _receiver = null!;
    private HostProcess? _host;
    private string _config = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _config = DograhExample.CopyTo(_folder, _receiver.Url);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private async Task<HostProcess> StartHostAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _host = HostProcess.Start(_config, environment: DograhExample.Environment);
        await _host.WaitUntilReadyAsync();
        return _host;
    }

    [Fact]
    public async Task The_documented_payload_template_arrives_rendered_with_the_finished_call()
    {
        var host = await StartHostAsync();

        var runId = await DograhExample.ReportCallAsync(host.Client, """{"customer_name":"Ada Lovelace","phone":"+15550100"}""");
        var received = Assert.Single(await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", await DograhExample.SignInAsync(host.Client));
        var run = await RunPolling.WaitForRunAsync(host.Client, runId);
        var number = run.GetProperty("number").GetInt64();

        // The seed's "Example payload template", as the workflow file holds it, rendered with this run. Its
        // "{{workflow_run_id}}" is inside a string, so, as Dograh's renderer does, it becomes the number's digits.
        var expected = new JsonObject
        {
            ["run_id"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["customer"] = "Ada Lovelace",
            ["outcome"] = "refund issued",
            ["recording"] = $"https://recordings.example/calls/{runId}.wav",
        };
        Assert.Equal(expected.ToJsonString(), JsonNode.Parse(received.Text)!.ToJsonString());
        Assert.Equal(("POST", "/webhook/dograh"), (received.Method, received.Path));
        Assert.Equal("application/json", received.Header("Content-Type"));
        Assert.Equal("dograh", received.Header("X-Source")); // the node's custom_headers
        Assert.Null(received.Header("Authorization"));
        Assert.Null(received.Header("webhook-signature")); // nodes authenticate with credentials, not signatures

        // The template was rendered from this run, which succeeded on its own.
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_receiver_gets_workflow_run_id_as_the_runs_integer_number_and_the_uuid_as_workflow_run_uuid()
    {
        // Without a payload_template the body is every variable, each as the JSON value it is: Dograh's
        // workflow_run_id is an integer, so a receiver may read it as one.
        DograhExample.EditNode(_folder, node => node.Remove("payload_template"));
        var host = await StartHostAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", await DograhExample.SignInAsync(host.Client));

        var numbers = new List<long>();
        var received = new List<JsonObject>();
        foreach (var customer in new[] { "Ada Lovelace", "Grace Hopper" })
        {
            var runId = await DograhExample.ReportCallAsync(host.Client, $$"""{"customer_name":"{{customer}}"}""");
            var run = await RunPolling.WaitForRunAsync(host.Client, runId);
            var number = run.GetProperty("number").GetInt64();
            var body = JsonNode.Parse((await _receiver.WaitForAsync(numbers.Count + 1, TimeSpan.FromSeconds(30)))[numbers.Count].Text)!.AsObject();

            Assert.Equal(customer, body["initial_context"]!["customer_name"]!.GetValue<string>());
            Assert.Equal(JsonValueKind.Number, body["workflow_run_id"]!.GetValueKind());
            Assert.Equal(number, body["workflow_run_id"]!.GetValue<long>());
            Assert.Equal(runId, body["workflow_run_uuid"]!.GetValue<string>());
            Assert.Equal($"Support line #{number}", body["workflow_run_name"]!.GetValue<string>());
            numbers.Add(number);
            received.Add(body);
        }

        Assert.True(numbers[0] > 0 && numbers[1] > numbers[0], $"run numbers {numbers[0]}, {numbers[1]}");

        // The same numbers after a restart: they are stored, not counted in memory.
        host = await StartHostAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", await DograhExample.SignInAsync(host.Client));
        var third = await DograhExample.ReportCallAsync(host.Client, """{"customer_name":"Ada"}""");
        Assert.True((await RunPolling.WaitForRunAsync(host.Client, third)).GetProperty("number").GetInt64() > numbers[1]);
        var again = await RunPolling.WaitForRunAsync(host.Client, received[0]["workflow_run_uuid"]!.GetValue<string>());
        Assert.Equal(numbers[0], again.GetProperty("number").GetInt64());
    }

    [Theory]
    [InlineData("NONE", """{}""", null, null)]
    [InlineData("API_KEY", """{"api_key":"sk-live-4f9a8b7c6d5e9f2a"}""", "X-API-Key", "sk-live-4f9a8b7c6d5e9f2a")]
    [InlineData("API_KEY", """{"header_name":"X-CRM-Key","api_key":"sk-live-4f9a8b7c6d5e9f2a"}""", "X-CRM-Key", "sk-live-4f9a8b7c6d5e9f2a")]
    [InlineData("BEARER_TOKEN", """{"token":"tok-9b8a7c6d5e4f3a2b"}""", "Authorization", "Bearer tok-9b8a7c6d5e4f3a2b")]
    [InlineData("BASIC_AUTH", """{"username":"crm-bot","password":"correct horse battery"}""", "Authorization", "Basic Y3JtLWJvdDpjb3JyZWN0IGhvcnNlIGJhdHRlcnk=")]
    [InlineData("CUSTOM_HEADER", """{"header_name":"X-Signature","header_value":"v1=5e4f3a2b1c0d"}""", "X-Signature", "v1=5e4f3a2b1c0d")]
    public async Task Each_credential_type_is_seen_on_the_receiving_side(string type, string data, string? header, string? value)
    {
        // Create the credential through the API, as the README does, then name it in the node and restart.
        var host = await StartHostAsync();
        var session = await DograhExample.SignInAsync(host.Client);
        var (status, text) = await DograhExample.SendAsync(host.Client, HttpMethod.Post, "/api/v1/credentials", session,
            $$"""{"name":"CRM","credential_type":"{{type}}","credential_data":{{data}}}""");
        Assert.True(status == HttpStatusCode.Created, text);
        var uuid = JsonDocument.Parse(text).RootElement.GetProperty("uuid").GetString()!;
        var secret = JsonNode.Parse(data)!.AsObject().Where(f => f.Key is not ("header_name" or "username")).Select(f => f.Value!.GetValue<string>()).FirstOrDefault();
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, text);
        }

        DograhExample.EditNode(_folder, node => node["credential_uuid"] = uuid);
        host = await StartHostAsync();

        await DograhExample.ReportCallAsync(host.Client, """{"customer_name":"Grace Hopper"}""");
        var received = Assert.Single(await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)));

        if (header is null)
        {
            Assert.Null(received.Header("Authorization"));
            Assert.Null(received.Header("X-API-Key"));
        }
        else
        {
            Assert.Equal(value, received.Header(header));
        }

        if (type == "BASIC_AUTH")
        {
            Assert.Equal("crm-bot:correct horse battery", Encoding.UTF8.GetString(Convert.FromBase64String(received.Header("Authorization")!["Basic ".Length..])));
        }

        Assert.Equal("Grace Hopper", JsonNode.Parse(received.Text)!["customer"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_credentials_api_checks_each_field_and_never_shows_the_data_again()
    {
        var host = await StartHostAsync();
        var session = await DograhExample.SignInAsync(host.Client);

        var missing = await DograhExample.SendAsync(host.Client, HttpMethod.Post, "/api/v1/credentials", session,
            """{"name":"CRM","credential_type":"API_KEY","credential_data":{"header_name":"X-CRM-Key"}}""");
        var unknown = await DograhExample.SendAsync(host.Client, HttpMethod.Post, "/api/v1/credentials", session,
            """{"name":"CRM","credential_type":"BEARER_TOKEN","credential_data":{"token":"tok-123456789012","api_key":"x"}}""");
        var badType = await DograhExample.SendAsync(host.Client, HttpMethod.Post, "/api/v1/credentials", session,
            """{"name":"CRM","credential_type":"OAUTH2"}""");
        var anonymous = await DograhExample.SendAsync(host.Client, HttpMethod.Get, "/api/v1/credentials", session: null);

        Assert.Equal((HttpStatusCode.BadRequest, "credential_data.api_key"), (missing.Status, Field(missing.Text)));
        Assert.Equal((HttpStatusCode.BadRequest, "credential_data.api_key"), (unknown.Status, Field(unknown.Text)));
        Assert.Equal((HttpStatusCode.BadRequest, "credential_type"), (badType.Status, Field(badType.Text)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);

        var created = await DograhExample.SendAsync(host.Client, HttpMethod.Post, "/api/v1/credentials", session,
            """{"name":"CRM","credential_type":"BEARER_TOKEN","credential_data":{"token":"tok-9b8a7c6d5e4f3a2b"}}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var uuid = JsonDocument.Parse(created.Text).RootElement.GetProperty("uuid").GetString()!;
        var listed = await DograhExample.SendAsync(host.Client, HttpMethod.Get, "/api/v1/credentials", session);
        var one = await DograhExample.SendAsync(host.Client, HttpMethod.Get, $"/api/v1/credentials/{uuid}", session);
        var cli = await HostCommand.RunAsync(_config, DograhExample.Environment, "credential", "list");

        Assert.Equal(uuid, JsonDocument.Parse(listed.Text).RootElement.EnumerateArray().Single().GetProperty("uuid").GetString());
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Contains(uuid, cli.Output);
        Assert.DoesNotContain("tok-9b8a7c6d5e4f3a2b", created.Text + listed.Text + one.Text + cli.Output);

        var deleted = await DograhExample.SendAsync(host.Client, HttpMethod.Delete, $"/api/v1/credentials/{uuid}", session);
        var gone = await DograhExample.SendAsync(host.Client, HttpMethod.Get, $"/api/v1/credentials/{uuid}", session);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.Status, gone.Status));
    }

    [Fact]
    public async Task The_credential_command_reads_the_secret_from_a_variable_and_the_node_uses_it()
    {
        var environment = new Dictionary<string, string?>(DograhExample.Environment) { ["CRM_TOKEN"] = "tok-from-the-environment-1" };
        var created = await HostCommand.RunAsync(_config, environment, "credential", "create", "--name", "CRM", "--type", "BEARER_TOKEN", "--value-env", "CRM_TOKEN");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.DoesNotContain("tok-from-the-environment-1", created.Output);
        // Only the uuid line: the host's first start of Data Protection may log a warning on the same output.
        var uuid = created.Output.Split('\n').Single(line => line.StartsWith("uuid:", StringComparison.Ordinal))["uuid:".Length..].Trim();

        DograhExample.EditNode(_folder, node => node["credential_uuid"] = uuid);
        var host = await StartHostAsync();
        await DograhExample.ReportCallAsync(host.Client, """{"customer_name":"Ada"}""");

        Assert.Equal("Bearer tok-from-the-environment-1", Assert.Single(await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(30))).Header("Authorization"));
        var refused = await HostCommand.RunAsync(_config, environment, "credential", "delete", uuid);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("used by workflow 1 node 'webhook-1'", refused.Error);
    }

    [Fact]
    public async Task A_failed_run_is_delivered_too_with_its_status_and_error()
    {
        var plugins = JsonNode.Parse(File.ReadAllText(_config), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var settings = plugins["hooks"]![0]!["action"]!["settings"]!;
        settings["command"] = settings["command"]!.GetValue<string>() + "; exit 3";
        File.WriteAllText(_config, plugins.ToJsonString());
        DograhExample.EditNode(_folder, node => node["payload_template"] = JsonNode.Parse(
            """{"run_id":"{{workflow_run_id}}","status":"{{status}}","error":"{{error | none}}","outcome":"{{gathered_context.resolution}}"}"""));
        var host = await StartHostAsync();

        var runId = await DograhExample.ReportCallAsync(host.Client, """{"customer_name":"Ada"}""");
        var received = Assert.Single(await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", await DograhExample.SignInAsync(host.Client));
        var number = (await RunPolling.WaitForRunAsync(host.Client, runId)).GetProperty("number").GetInt64();

        Assert.Equal(
            new JsonObject { ["run_id"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "failed", ["error"] = "exit code 3", ["outcome"] = "refund issued" }.ToJsonString(),
            JsonNode.Parse(received.Text)!.ToJsonString());
    }

    [Fact]
    public async Task A_bad_webhook_node_stops_the_host_naming_the_file_node_and_key()
    {
        DograhExample.EditNode(_folder, node => node["endpoint_url"] = "your-service.com/webhook/dograh");

        await using var host = HostProcess.Start(_config, environment: DograhExample.Environment);
        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.Contains(
            $"{_folder.File(DograhExample.WorkflowFile)}: node 'webhook-1': 'data.endpoint_url': must be an absolute http(s) URL, not 'your-service.com/webhook/dograh'",
            host.StandardError);
    }

    private static string? Field(string text) =>
        JsonDocument.Parse(text).RootElement.TryGetProperty("field", out var field) ? field.GetString() : null;
}
