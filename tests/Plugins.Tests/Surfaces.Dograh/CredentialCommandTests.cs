using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh;
using Webhooks.Modular.Surfaces.Dograh.Commands;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

public sealed class CredentialCommandTests : IDisposable
{
    private const string UsedCredential = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private readonly DograhFolder _folder = new();
    private readonly MemoryCredentials _credentials = new();
    private readonly ServiceProvider _services;
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal) { ["CRM_KEY"] = "sk-live-4f9a8b7c6d5e9f2" };

    public CredentialCommandTests()
    {
        _folder.Write("support.json", SeedWorkflow.WithData($$"""{ "endpoint_url": "https://crm.example/", "credential_uuid": "{{UsedCredential}}" }"""));
        _services = new ServiceCollection()
            .AddSingleton<ICredentialManager>(_credentials)
            .AddSingleton(WorkflowCatalog.Load(DograhOptions.FromSettings(
                _folder.Context("""{ "workflows": [ { "id": 1, "hook": "call-completed", "file": "support.json" } ] }"""))))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    private async Task<(int Code, string Output, string Error)> RunWithInputAsync(string? stdin, params string[] arguments)
    {
        var command = new CredentialCommand(_services, name => _environment.GetValueOrDefault(name), new StringReader(stdin ?? string.Empty));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await command.RunAsync(new HostCommandContext(arguments, output, error, _services), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    private async Task<CredentialRecord> OnlyCredentialAsync() => Assert.Single(await _credentials.ListAsync(CancellationToken.None));

    [Fact]
    public async Task Create_reads_the_api_key_from_the_named_variable_and_prints_the_uuid_once_without_the_key()
    {
        var (code, output, error) = await RunAsync("create", "--name", "CRM key", "--type", "API_KEY", "--value-env", "CRM_KEY");

        Assert.True(code == 0, error);
        var created = await OnlyCredentialAsync();
        Assert.StartsWith($"uuid:    {created.Id}\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("type:    API_KEY", output);
        Assert.Contains("hint:    …9f2", output);
        Assert.DoesNotContain("sk-live", output + error);
        Assert.Equal(new Dictionary<string, string> { ["header_name"] = "X-API-Key", ["api_key"] = "sk-live-4f9a8b7c6d5e9f2" }, _credentials.DataOf(created.Id));
    }

    [Fact]
    public async Task Each_type_takes_its_fields()
    {
        Assert.Equal(0, (await RunAsync("create", "--name", "k", "--type", "api_key", "--header", "X-CRM-Key", "--value-env", "CRM_KEY")).Code);
        Assert.Equal(0, (await RunWithInputAsync("tok-from-stdin\n", "create", "--name", "t", "--type", "BEARER_TOKEN", "--value-stdin")).Code);
        Assert.Equal(0, (await RunAsync("create", "--name", "b", "--type", "BASIC_AUTH", "--username", "crm", "--value-env", "CRM_KEY")).Code);
        Assert.Equal(0, (await RunWithInputAsync("v1-sig\r\n", "create", "--name", "h", "--type", "CUSTOM_HEADER", "--header", "X-Signature", "--value-stdin")).Code);
        Assert.Equal(0, (await RunAsync("create", "--name", "n", "--type", "NONE")).Code);

        var all = await _credentials.ListAsync(CancellationToken.None);
        Assert.Equal(["API_KEY", "BEARER_TOKEN", "BASIC_AUTH", "CUSTOM_HEADER", "NONE"], all.Select(c => c.Type));
        Assert.Equal("X-CRM-Key", _credentials.DataOf(all[0].Id)["header_name"]);
        Assert.Equal("tok-from-stdin", _credentials.DataOf(all[1].Id)["token"]);
        Assert.Equal(("crm", "sk-live-4f9a8b7c6d5e9f2"), (_credentials.DataOf(all[2].Id)["username"], _credentials.DataOf(all[2].Id)["password"]));
        Assert.Equal(("X-Signature", "v1-sig"), (_credentials.DataOf(all[3].Id)["header_name"], _credentials.DataOf(all[3].Id)["header_value"]));
        Assert.Empty(_credentials.DataOf(all[4].Id));
    }

    [Theory]
    [InlineData("--value", "sk-1")]
    [InlineData("--value=sk-1")]
    [InlineData("--token", "sk-1")]
    [InlineData("--password", "sk-1")]
    [InlineData("--api-key", "sk-1")]
    public async Task Secrets_on_the_command_line_are_refused(params string[] secret)
    {
        var (code, _, error) = await RunAsync(["create", "--name", "k", "--type", "API_KEY", .. secret]);

        Assert.Equal(2, code);
        Assert.Contains("shows in ps and shell history", error);
        Assert.Empty(await _credentials.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "API_KEY" }, "exactly one of --value-env VAR or --value-stdin")]
    [InlineData("x", new[] { "create", "--name", "k", "--type", "API_KEY", "--value-env", "CRM_KEY", "--value-stdin" }, "exactly one of")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "API_KEY", "--value-env", "NOT_SET" }, "'NOT_SET' (--value-env) is not set")]
    [InlineData("", new[] { "create", "--name", "k", "--type", "BEARER_TOKEN", "--value-stdin" }, "standard input (--value-stdin) gave no value")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "BASIC_AUTH", "--value-env", "CRM_KEY" }, "BASIC_AUTH needs --username")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "CUSTOM_HEADER", "--value-env", "CRM_KEY" }, "CUSTOM_HEADER needs --header")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "NONE", "--value-env", "CRM_KEY" }, "NONE takes no")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "OAUTH2" }, "'OAUTH2' is not one of NONE, API_KEY")]
    [InlineData(null, new[] { "create", "--type", "NONE" }, "create needs --name and --type")]
    [InlineData(null, new[] { "create", "--name" }, "--name needs a value")]
    [InlineData(null, new[] { "create", "--name", "k", "--type", "NONE", "--colour", "red" }, "unknown option --colour")]
    [InlineData(null, new[] { "list", "--name", "k" }, "list takes no options")]
    [InlineData(null, new[] { "delete" }, "delete takes exactly one credential uuid")]
    [InlineData(null, new[] { "rotate" }, "unknown subcommand 'rotate'")]
    [InlineData(null, new string[0], "a subcommand is required")]
    public async Task Usage_errors_exit_2_with_one_line_naming_the_problem(string? stdin, string[] arguments, string message)
    {
        var (code, _, error) = await RunWithInputAsync(stdin, arguments);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.EndsWith("(see 'credential --help')", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd());
    }

    [Fact]
    public async Task A_value_the_store_refuses_exits_1_naming_the_field()
    {
        var (code, _, error) = await RunAsync("create", "--name", "b", "--type", "BASIC_AUTH", "--username", "", "--value-env", "CRM_KEY");

        Assert.Equal(1, code);
        Assert.Contains("credential_data.username", error);
    }

    [Fact]
    public async Task List_shows_hints_not_secrets()
    {
        await RunAsync("create", "--name", "CRM key", "--type", "API_KEY", "--value-env", "CRM_KEY");
        var created = await OnlyCredentialAsync();

        var (code, output, _) = await RunAsync("list");

        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.StartsWith("UUID", lines[0]);
        Assert.Matches($@"^{created.Id}  CRM key  API_KEY +…9f2 +2026-11-22T12:00:01Z$", lines[1]);
        Assert.DoesNotContain("sk-live", output);
    }

    [Fact]
    public async Task Delete_removes_an_unused_credential_and_refuses_unknown_or_used_ones()
    {
        await RunAsync("create", "--name", "n", "--type", "NONE");
        var created = await OnlyCredentialAsync();
        _credentials.Add(new CredentialRecord(UsedCredential, "crm", CredentialTypes.None, "p", "", DateTimeOffset.UnixEpoch));

        var used = await RunAsync("delete", UsedCredential);
        var unknown = await RunAsync("delete", "00000000-0000-0000-0000-000000000001");
        var notUuid = await RunAsync("delete", "crm");
        var deleted = await RunAsync("delete", created.Id.ToUpperInvariant());

        Assert.Equal((1, 1, 1, 0), (used.Code, unknown.Code, notUuid.Code, deleted.Code));
        Assert.Contains("used by workflow 1 node 'webhook-1'", used.Error);
        Assert.Contains("no credential with uuid", unknown.Error);
        Assert.Equal($"deleted credential {created.Id}", deleted.Output.Trim());
        Assert.Equal(UsedCredential, (await OnlyCredentialAsync()).Id);
    }
}
