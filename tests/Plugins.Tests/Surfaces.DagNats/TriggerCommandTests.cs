using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.DagNats.Commands;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

/// <summary>The <c>trigger</c> verb over a real SQLite hook store.</summary>
public sealed class TriggerCommandTests
{
    private const string GitHubPushHook =
        """{"name":"dagnats.github-push","surface":"dagnats","contentTypes":["application/json"],"maxBodyBytes":1048576,"auth":{"scheme":"hmac","settings":{"preset":"dagnats","secrets":["file:data/dagnats-secrets/github-push.secret"]}},"action":{"type":"steps","settings":{"file":"workflows/ci-pipeline.yaml"}}}""";

    private const string OnPrOpenedHook =
        """{"name":"dagnats.on-pr-opened","subject":"event.webhook.github-events","conditions":[{"type":"json-field","settings":{"path":"action","equals":"opened"}}],"action":{"type":"steps","settings":{"file":"workflows/pr-review.yaml"}}}""";

    [Fact]
    public async Task A_webhook_with_its_own_secret_is_stored_with_a_file_reference_and_the_secret_goes_to_a_0600_file()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, output, error) = await fixture.TriggerAsync("create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", "whsec_github_specific_secret");

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("created webhook trigger 'github-push'\n  endpoint:  POST /v1/webhooks/github-push\n  publishes: event.webhook.github-push\n", output);
        Assert.DoesNotContain("whsec_github_specific_secret", output);
        var record = Assert.Single(await fixture.RecordsAsync()).Value;
        Assert.Equal("dagnats.github-push", record.Name);
        Assert.Equal(GitHubPushHook, record.Definition);
        Assert.True(record.Enabled);
        var secretFile = Path.Combine(fixture.SecretsFolder, "github-push.secret");
        Assert.Equal("whsec_github_specific_secret", await File.ReadAllTextAsync(secretFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fixture.SecretsFolder));
        }
    }

    [Fact]
    public async Task The_definition_is_built_by_the_catalog_before_anything_is_written_without_the_secret_and_not_left_served()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        await fixture.TriggerAsync("create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", "whsec_github_specific_secret");

        var checkedDefinition = JsonNode.Parse(Assert.Single(fixture.Catalog.Registrations))!;
        Assert.Equal("dagnats.github-push", checkedDefinition["name"]!.GetValue<string>());
        var secrets = checkedDefinition["auth"]!["settings"]!["secrets"]!.AsArray();
        Assert.DoesNotContain("whsec_github_specific_secret", secrets.ToJsonString());
        Assert.DoesNotContain("file:", secrets.ToJsonString());
        Assert.Empty(fixture.Catalog.Hooks);
    }

    [Fact]
    public async Task A_webhook_without_a_secret_verifies_with_the_server_environment()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, output, _) = await fixture.TriggerAsync("create", "github-events", "--workflow", "ci-pipeline", "--webhook");

        Assert.Equal(0, exitCode);
        Assert.Contains("secret:    DAGNATS_WEBHOOK_SECRET (the server's environment)", output);
        var hook = JsonNode.Parse(Assert.Single(await fixture.RecordsAsync()).Value.Definition)!;
        Assert.Equal("""{"scheme":"hmac","settings":{"preset":"dagnats"}}""", hook["auth"]!.ToJsonString());
        Assert.False(Directory.Exists(fixture.SecretsFolder));
    }

    [Fact]
    public async Task An_event_trigger_with_a_filter_is_a_hook_with_a_subject_and_a_json_field_condition()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, output, error) = await fixture.TriggerAsync(
            "create", "on-pr-opened", "--workflow", "pr-review", "--subject", "event.webhook.github-events", "--filter-field", "action", "--filter-value", "opened");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("created event trigger 'on-pr-opened'\n  subject:   event.webhook.github-events\n  filter:    action = opened\n  workflow:  pr-review\n", output);
        var record = Assert.Single(await fixture.RecordsAsync()).Value;
        Assert.Equal(("dagnats.on-pr-opened", OnPrOpenedHook), (record.Name, record.Definition));
    }

    [Fact]
    public async Task A_definition_the_catalog_refuses_is_one_error_line_naming_the_option_and_nothing_is_written()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        fixture.Catalog.Refuse = hook => hook["subject"]?.GetValue<string>() == "a..b"
            ? ("hook:subject", "'a..b' is not a subject pattern: empty token (two dots, or a dot at either end)")
            : null;

        var (exitCode, output, error) = await fixture.TriggerAsync("create", "bad", "--workflow", "pr-review", "--subject", "a..b");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: --subject 'a..b' is not a subject pattern: empty token (two dots, or a dot at either end)\n", error);
        Assert.Empty(await fixture.RecordsAsync());
    }

    [Fact]
    public async Task A_refused_filter_names_the_filter_options()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        fixture.Catalog.Refuse = _ => ("hook:conditions:0:settings:path", "'a..b' has an empty segment");

        var (exitCode, _, error) = await fixture.TriggerAsync("create", "bad", "--workflow", "pr-review", "--subject", "x", "--filter-field", "a..b", "--filter-value", "1");

        Assert.Equal(2, exitCode);
        Assert.Equal("error: --filter-field/--filter-value: 'a..b' has an empty segment\n", error);
        Assert.Empty(await fixture.RecordsAsync());
    }

    [Fact]
    public async Task A_webhook_the_catalog_refuses_leaves_no_secret_file()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        fixture.Catalog.Refuse = _ => ("hook:action:type", "unknown action type 'steps' (known: command); is its plugin listed in 'plugins'?");

        var (exitCode, _, error) = await fixture.TriggerAsync("create", "x", "--workflow", "pr-review", "--webhook", "--secret", "s");

        Assert.Equal(2, exitCode);
        Assert.Equal("error: trigger 'x' cannot be served: 'hook:action:type': unknown action type 'steps' (known: command); is its plugin listed in 'plugins'?\n", error);
        Assert.False(File.Exists(Path.Combine(fixture.SecretsFolder, "x.secret")));
    }

    [Fact]
    public async Task An_unknown_workflow_is_one_line_listing_the_workflows()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, _, error) = await fixture.TriggerAsync("create", "x", "--workflow", "nope", "--webhook");

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: unknown workflow 'nope': no nope.yaml in {Path.Combine(fixture.Folder, "workflows")} (workflows: ci-pipeline, pr-review)\n", error);
        Assert.Empty(fixture.Catalog.Registrations);
    }

    [Theory]
    [InlineData("error: --webhook and --subject exclude each other: a trigger is either a webhook or an event trigger", "create", "x", "--workflow", "pr-review", "--webhook", "--subject", "a.b")]
    [InlineData("error: one of --webhook or --subject is required: a trigger is either a webhook or an event trigger", "create", "x", "--workflow", "pr-review")]
    [InlineData("error: --workflow is required: the workflow the trigger starts", "create", "x", "--webhook")]
    [InlineData("error: a trigger name is required: trigger create <name> --workflow <workflow> (--webhook | --subject <subject>)", "create", "--workflow", "pr-review", "--webhook")]
    [InlineData("error: 'a.b' is not a trigger name (1-92 letters, digits, '_' or '-')", "create", "a.b", "--workflow", "pr-review", "--webhook")]
    [InlineData("error: '../x' is not a workflow name (a file name in the workflow folder, without its extension)", "create", "x", "--workflow", "../x", "--webhook")]
    [InlineData("error: --secret applies only to --webhook triggers", "create", "x", "--workflow", "pr-review", "--subject", "a.b", "--secret", "s")]
    [InlineData("error: --secret must not be empty", "create", "x", "--workflow", "pr-review", "--webhook", "--secret", " ")]
    [InlineData("error: --filter-field and --filter-value apply only to --subject triggers", "create", "x", "--workflow", "pr-review", "--webhook", "--filter-field", "a", "--filter-value", "b")]
    [InlineData("error: --filter-field and --filter-value go together", "create", "x", "--workflow", "pr-review", "--subject", "a.b", "--filter-field", "action")]
    [InlineData("error: --workflow needs a value", "create", "x", "--webhook", "--workflow")]
    [InlineData("error: --workflow is given twice", "create", "x", "--workflow", "a", "--workflow", "b")]
    [InlineData("error: --webhook takes no value", "create", "x", "--workflow", "pr-review", "--webhook=yes")]
    [InlineData("error: unknown option '--filter' (options: --workflow, --webhook, --secret, --subject, --filter-field, --filter-value)", "create", "x", "--filter", "a")]
    [InlineData("error: unexpected argument 'y' (the trigger's name is 'x')", "create", "x", "y", "--workflow", "pr-review", "--webhook")]
    [InlineData("error: a subcommand is required: create, list or delete ('trigger help' shows the usage)")]
    [InlineData("error: unknown subcommand 'add' (create, list or delete)", "add")]
    [InlineData("error: trigger list takes no arguments (got '--all')", "list", "--all")]
    [InlineData("error: trigger delete takes exactly one trigger name", "delete")]
    public async Task Usage_errors_are_one_line_and_exit_2_and_write_nothing(string expected, params string[] arguments)
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, output, error) = await fixture.TriggerAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected + "\n", error);
        Assert.Empty(await fixture.RecordsAsync());
        Assert.Empty(fixture.Catalog.Registrations);
    }

    [Fact]
    public void Options_may_be_written_with_an_equals_sign()
    {
        var options = CreateOptions.Parse(["on-pr", "--workflow=pr-review", "--subject=event.webhook.*", "--filter-field=pull_request.draft", "--filter-value=false"], out var error);

        Assert.Null(error);
        Assert.Equal(new CreateOptions("on-pr", "pr-review", "event.webhook.*", null, new("pull_request.draft", "false")), options);
        Assert.False(options!.IsWebhook);
    }

    [Fact]
    public async Task A_taken_name_is_refused_with_exit_1_and_the_first_trigger_stays()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", "first");

        var (exitCode, _, error) = await fixture.TriggerAsync("create", "github-push", "--workflow", "pr-review", "--webhook", "--secret", "second");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: trigger 'github-push' already exists (trigger delete github-push first to replace it)\n", error);
        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(fixture.SecretsFolder, "github-push.secret")));
        Assert.Contains("ci-pipeline", Assert.Single(await fixture.RecordsAsync()).Value.Definition);
    }

    [Fact]
    public async Task Delete_removes_the_record_and_the_secret_file()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        await fixture.TriggerAsync("create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", "s");
        await fixture.Store.UpsertHookAsync("plain", """{"name":"plain"}""", CancellationToken.None);

        var (exitCode, output, error) = await fixture.TriggerAsync("delete", "github-push");

        Assert.True(exitCode == 0, error);
        Assert.Equal("deleted trigger 'github-push'; a running server stops serving it at once (within a second at the latest)\n", output);
        Assert.Equal(["plain"], (await fixture.RecordsAsync()).Keys);
        Assert.False(File.Exists(Path.Combine(fixture.SecretsFolder, "github-push.secret")));
    }

    [Theory]
    [InlineData("github-push")]
    [InlineData("not a name")]
    [InlineData("configured")]
    public async Task Deleting_a_trigger_that_does_not_exist_is_exit_1_and_leaves_other_records(string name)
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        // A plugins.json hook that happens to be called dagnats.*: its summary is not a trigger.
        await fixture.Store.UpsertHookAsync("dagnats.configured", """{"name":"dagnats.configured","methods":["POST"],"auth":{"scheme":"none","mode":"enforce"}}""", CancellationToken.None);

        var (exitCode, _, error) = await fixture.TriggerAsync("delete", name);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: no trigger named '{name}' (trigger list shows them)\n", error);
        Assert.Equal(["dagnats.configured"], (await fixture.RecordsAsync()).Keys);
    }

    [Fact]
    public async Task List_shows_each_trigger_in_a_table_by_name()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();
        Assert.StartsWith("no triggers", (await fixture.TriggerAsync("list")).Output);
        await fixture.TriggerAsync("create", "on-pr-opened", "--workflow", "pr-review", "--subject", "event.webhook.github-events", "--filter-field", "action", "--filter-value", "opened");
        await fixture.TriggerAsync("create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", "s");
        await fixture.TriggerAsync("create", "github-events", "--workflow", "ci-pipeline", "--webhook");
        await fixture.Store.UpsertHookAsync("plain", """{"name":"plain"}""", CancellationToken.None);

        var (exitCode, output, _) = await fixture.TriggerAsync("list");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^NAME +KIND +WORKFLOW +SECRET +SOURCE +CREATED$", lines[0]);
        Assert.Matches(@"^github-events +webhook +ci-pipeline +env +POST /v1/webhooks/github-events +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", lines[1]);
        Assert.Matches(@"^github-push +webhook +ci-pipeline +own +POST /v1/webhooks/github-push +\S+Z$", lines[2]);
        Assert.Matches(@"^on-pr-opened +event +pr-review +- +event\.webhook\.github-events where action = opened +\S+Z$", lines[3]);
        Assert.Equal(lines[0].IndexOf("KIND", StringComparison.Ordinal), lines[3].IndexOf("event ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        await using var fixture = await DagNatsFixture.CreateAsync();

        var (exitCode, output, _) = await fixture.TriggerAsync("help");

        Assert.Equal(0, exitCode);
        Assert.Equal(TriggerCommand.Usage + "\n", output);
    }
}
