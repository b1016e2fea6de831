using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// DagNats' webhook documentation, replayed against the real host executable running the shipped
/// <c>examples/dagnats</c> deployment: the server is started once with <c>DAGNATS_WEBHOOK_SECRET</c>, and triggers are
/// created and deleted with the <c>trigger</c> verb (a separate process) while it runs.
/// </summary>
public sealed class DagNatsSeedTests : IAsyncLifetime
{
    private const string GitHubSecret = "whsec_github_specific_secret";
    private const string StripeSecret = "whsec_stripe_secret";
    private const string PushBody = """{"ref":"refs/heads/main","after":"abc123"}""";

    // The server looks every second; the margin is for a loaded machine.
    private static readonly TimeSpan ServedWithin = TimeSpan.FromSeconds(5);

    private readonly TempFolder _folder = new();
    private string _config = null!;
    private HostProcess _host = null!;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _config = DagNatsExample.CopyTo(_folder);
        _host = HostProcess.Start(_config, environment: DagNatsExample.ServerEnvironment);
        await _host.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_webhook_created_while_the_server_runs_verifies_its_own_secret_and_starts_its_workflow_with_the_body()
    {
        // dagnats trigger create github-push --workflow ci-pipeline --webhook --secret "whsec_github_specific_secret"
        var created = await DagnatsAsync("trigger", "create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", GitHubSecret);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("endpoint:  POST /v1/webhooks/github-push", created.Output);
        await WaitUntilServedAsync("github-push");

        // The secret is in a file only its owner reads, not in the database.
        var secretFile = _folder.File("data/dagnats-secrets/github-push.secret");
        Assert.Equal(GitHubSecret, await File.ReadAllTextAsync(secretFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        }

        Assert.DoesNotContain(GitHubSecret, await StoredDefinitionsAsync());

        // The body becomes the run's input; the run's output shows it.
        var accepted = await DagNatsExample.PostAsync(Client, "github-push", PushBody, DagNatsExample.Sign(GitHubSecret, PushBody));
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.ToString());
        var body = accepted.Json!.Value;
        Assert.Equal("event.webhook.github-push", body.GetProperty("subject").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("event_id").GetString(), out _));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        var run = await DagNatsExample.WaitForRunAsync(Client, body.GetProperty("run_id").GetString()!);
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        Assert.Equal("github-push", run.GetProperty("trigger").GetString());
        Assert.Equal("abc123", run.GetProperty("input").GetProperty("after").GetString());
        Assert.Equal($"ci-pipeline got {PushBody}\nci-pipeline building\n", run.GetProperty("output").GetString());
        Assert.Equal(["checkout", "build"], run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()));

        // The trigger's own secret takes precedence: the environment's does not verify it.
        var withEnvironmentSecret = await DagNatsExample.PostAsync(Client, "github-push", PushBody, DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, PushBody));
        Assert.Equal((HttpStatusCode.Unauthorized, "missing or invalid signature"), (withEnvironmentSecret.Status, withEnvironmentSecret.Error));

        // A webhook without --secret verifies with DAGNATS_WEBHOOK_SECRET, and not with another trigger's secret.
        // dagnats trigger create stripe-payment --workflow payment-processor --webhook (the seed gives it a secret; here it shows the default)
        Assert.Equal(0, (await DagnatsAsync("trigger", "create", "stripe-payment", "--workflow", "payment-processor", "--webhook")).ExitCode);
        await WaitUntilServedAsync("stripe-payment");
        const string payment = """{"type":"payment_intent.succeeded","amount":4200}""";
        var paid = await DagNatsExample.PostAsync(Client, "stripe-payment", payment, DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, payment));
        Assert.True(paid.Status == HttpStatusCode.OK, paid.ToString());
        var paymentRun = await DagNatsExample.WaitForRunAsync(Client, paid.Json!.Value.GetProperty("run_id").GetString()!);
        Assert.Equal($"payment-processor got {payment}\n", paymentRun.GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await DagNatsExample.PostAsync(Client, "stripe-payment", payment, DagNatsExample.Sign(GitHubSecret, payment))).Status);

        // Missing or invalid signatures: 401, with nothing said about which check failed.
        foreach (var signature in new string?[]
        {
            null,
            string.Empty,
            DagNatsExample.Sign("wrong", PushBody),
            DagNatsExample.Sign(GitHubSecret, PushBody + " "),
            DagNatsExample.Sign(GitHubSecret, PushBody)["sha256=".Length..],
            "sha256=zz",
        })
        {
            var refused = await DagNatsExample.PostAsync(Client, "github-push", PushBody, signature);
            Assert.True(refused.Status == HttpStatusCode.Unauthorized && refused.Error == "missing or invalid signature", $"{signature}: {refused}");
        }

        // Content-Type must be application/json, whatever the signature.
        var plain = await DagNatsExample.PostAsync(Client, "github-push", PushBody, DagNatsExample.Sign(GitHubSecret, PushBody), "text/plain");
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json"), (plain.Status, plain.Error));

        // Unknown trigger: 404.
        var unknown = await DagNatsExample.PostAsync(Client, "no-such-trigger", "{}", DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, "{}"));
        Assert.Equal((HttpStatusCode.NotFound, "no webhook trigger named 'no-such-trigger'"), (unknown.Status, unknown.Error));
        Assert.Equal(HttpStatusCode.NotFound, (await DagNatsExample.GetAsync(Client, "/v1/runs/no-such-run")).Status);

        // 1 MiB is taken; one byte more is 413, whether the length is declared or the body is chunked.
        var exactly = $$"""{"pad":"{{new string('x', 1024 * 1024 - 10)}}"}""";
        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(exactly));
        Assert.Equal(HttpStatusCode.OK, (await DagNatsExample.PostAsync(Client, "github-push", exactly, DagNatsExample.Sign(GitHubSecret, exactly))).Status);
        var over = exactly.Replace("\"pad\"", "\"pad_\"", StringComparison.Ordinal);
        var tooLarge = await DagNatsExample.PostAsync(Client, "github-push", over, DagNatsExample.Sign(GitHubSecret, over));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "request body exceeds 1048576 bytes"), (tooLarge.Status, tooLarge.Error));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/github-push")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(over))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.Add("X-Signature-256", DagNatsExample.Sign(GitHubSecret, over));
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await DagNatsExample.SendAsync(Client, chunked)).Status);
    }

    [Fact]
    public async Task A_filtered_event_trigger_on_a_webhook_subject_starts_pr_review_for_opened_pull_requests_only()
    {
        // dagnats trigger create github-events --workflow github-handler --webhook
        var webhook = await DagnatsAsync("trigger", "create", "github-events", "--workflow", "github-handler", "--webhook");
        Assert.True(webhook.ExitCode == 0, webhook.Error);

        // dagnats trigger create on-pr-opened --workflow pr-review --subject "event.webhook.github-events" --filter-field "action" --filter-value "opened"
        var trigger = await DagnatsAsync(
            "trigger", "create", "on-pr-opened", "--workflow", "pr-review", "--subject", "event.webhook.github-events", "--filter-field", "action", "--filter-value", "opened");
        Assert.True(trigger.ExitCode == 0, trigger.Error);
        await WaitUntilServedAsync("github-events");
        await WaitForServerLogAsync("serving event trigger on-pr-opened");

        // An event trigger has no endpoint.
        Assert.Equal(HttpStatusCode.NotFound, (await DagNatsExample.PostAsync(Client, "on-pr-opened", "{}", DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, "{}"))).Status);

        const string openedBody = """{"action":"opened","number":7,"pull_request":{"title":"Add webhooks"}}""";
        var opened = await DagNatsExample.PostAsync(Client, "github-events", openedBody, DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, openedBody));
        Assert.True(opened.Status == HttpStatusCode.OK, opened.ToString());
        var openedEvent = opened.Json!.Value.GetProperty("event_id").GetString();

        // The webhook's own workflow ran with the body...
        var handler = await DagNatsExample.WaitForRunAsync(Client, opened.Json!.Value.GetProperty("run_id").GetString()!);
        Assert.Equal($"github-handler got {openedBody}\n", handler.GetProperty("output").GetString());

        // ...and the event, committed with it, started pr-review (listed as soon as the webhook has answered).
        var reviews = await TriggerRunsAsync("on-pr-opened");
        var review = Assert.Single(reviews);
        Assert.Equal(openedEvent, review.GetProperty("event_id").GetString());
        var reviewRun = await DagNatsExample.WaitForRunAsync(Client, review.GetProperty("run_id").GetString()!);
        Assert.Equal("succeeded", reviewRun.GetProperty("status").GetString());
        Assert.Equal($"pr-review got {openedBody}\n", reviewRun.GetProperty("output").GetString());
        Assert.Equal("Add webhooks", reviewRun.GetProperty("input").GetProperty("pull_request").GetProperty("title").GetString());

        // A closed pull request runs github-handler only.
        const string closedBody = """{"action":"closed","number":7}""";
        var closed = await DagNatsExample.PostAsync(Client, "github-events", closedBody, DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, closedBody));
        Assert.True(closed.Status == HttpStatusCode.OK, closed.ToString());
        Assert.Single(await TriggerRunsAsync("on-pr-opened"));
        var closedHandler = await DagNatsExample.WaitForRunAsync(Client, closed.Json!.Value.GetProperty("run_id").GetString()!);
        Assert.Equal($"github-handler got {closedBody}\n", closedHandler.GetProperty("output").GetString());

        // Both requests were published on event.webhook.github-events with the body as payload.
        var events = await DagNatsExample.GetAsync(Client, "/events?subject=event.webhook.github-events");
        Assert.Equal(HttpStatusCode.OK, events.Status);
        var published = events.Json!.Value.EnumerateArray().ToArray();
        Assert.Equal([closedBody, openedBody], published.Select(e => e.GetProperty("body").GetString()));
        Assert.Equal(
            [closed.Json!.Value.GetProperty("event_id").GetString(), openedEvent],
            published.Select(e => e.GetProperty("id").GetString()));
        Assert.All(published, e => Assert.Equal("event.webhook.github-events", e.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Command_line_mistakes_are_one_line_and_list_delete_and_restart_behave()
    {
        // Mistakes: one line on standard error, a non-zero exit, nothing created.
        foreach (var (arguments, expected) in new (string[], string)[]
        {
            (["--workflow", "no-such-workflow", "--webhook"], "error: unknown workflow 'no-such-workflow': no no-such-workflow.yaml in "),
            (["--workflow", "pr-review", "--webhook", "--subject", "event.webhook.github-events"], "error: --webhook and --subject exclude each other"),
            (["--workflow", "pr-review"], "error: one of --webhook or --subject is required"),
            (["--workflow", "pr-review", "--subject", "event..webhook"], "error: --subject 'event..webhook' is not a subject pattern: empty token (two dots, or a dot at either end)"),
            (["--workflow", "pr-review", "--subject", "event.webhook.>.x"], "error: --subject 'event.webhook.>.x' is not a subject pattern: '>' may only be the last token"),
        })
        {
            var (exitCode, output, error) = await DagnatsAsync(["trigger", "create", "mistake", .. arguments]);
            Assert.True(exitCode != 0, $"{string.Join(' ', arguments)}: exit 0");
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1 && lines[0].StartsWith(expected, StringComparison.Ordinal), $"{string.Join(' ', arguments)}: {error}");
            Assert.Equal(string.Empty, output);
        }

        Assert.StartsWith("no triggers", (await DagnatsAsync("trigger", "list")).Output);

        // Create three, list them.
        Assert.Equal(0, (await DagnatsAsync("trigger", "create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", GitHubSecret)).ExitCode);
        Assert.Equal(0, (await DagnatsAsync("trigger", "create", "stripe-payment", "--workflow", "payment-processor", "--webhook", "--secret", StripeSecret)).ExitCode);
        Assert.Equal(0, (await DagnatsAsync(
            "trigger", "create", "on-pr-opened", "--workflow", "pr-review", "--subject", "event.webhook.github-events", "--filter-field", "action", "--filter-value", "opened")).ExitCode);
        var taken = await DagnatsAsync("trigger", "create", "github-push", "--workflow", "ci-pipeline", "--webhook");
        Assert.Equal((1, "error: trigger 'github-push' already exists (trigger delete github-push first to replace it)\n"), (taken.ExitCode, taken.Error));

        var list = await DagnatsAsync("trigger", "list");
        Assert.Equal(0, list.ExitCode);
        var rows = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length);
        Assert.Matches(@"^github-push +webhook +ci-pipeline +own +POST /v1/webhooks/github-push ", rows[1]);
        Assert.Matches(@"^on-pr-opened +event +pr-review +- +event\.webhook\.github-events where action = opened ", rows[2]);
        Assert.Matches(@"^stripe-payment +webhook +payment-processor +own +POST /v1/webhooks/stripe-payment ", rows[3]);

        // Delete: the server stops serving it within a couple of seconds, without a restart.
        await WaitUntilServedAsync("github-push");
        var deleted = await DagnatsAsync("trigger", "delete", "github-push");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        var clock = Stopwatch.StartNew();
        while ((await DagNatsExample.PostAsync(Client, "github-push", PushBody, DagNatsExample.Sign(GitHubSecret, PushBody))).Status != HttpStatusCode.NotFound)
        {
            Assert.True(clock.Elapsed < ServedWithin, "the deleted trigger was still served after " + clock.Elapsed);
            await Task.Delay(50);
        }

        Assert.False(File.Exists(_folder.File("data/dagnats-secrets/github-push.secret")));
        var again = await DagnatsAsync("trigger", "delete", "github-push");
        Assert.Equal((1, "error: no trigger named 'github-push' (trigger list shows them)\n"), (again.ExitCode, again.Error));

        // The others outlive a restart: served as soon as the server answers.
        await _host.DisposeAsync();
        _host = HostProcess.Start(_config, environment: DagNatsExample.ServerEnvironment);
        await _host.WaitUntilReadyAsync();
        const string payment = """{"type":"charge.refunded"}""";
        var paid = await DagNatsExample.PostAsync(Client, "stripe-payment", payment, DagNatsExample.Sign(StripeSecret, payment));
        Assert.True(paid.Status == HttpStatusCode.OK, paid.ToString());
        Assert.Equal($"payment-processor got {payment}\n", (await DagNatsExample.WaitForRunAsync(Client, paid.Json!.Value.GetProperty("run_id").GetString()!)).GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await DagNatsExample.PostAsync(Client, "github-push", PushBody, DagNatsExample.Sign(GitHubSecret, PushBody))).Status);
        Assert.Equal(3, (await DagnatsAsync("trigger", "list")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private Task<(int ExitCode, string Output, string Error)> DagnatsAsync(params string[] arguments) =>
        HostCommand.RunAsync(_config, arguments);

    /// <summary>Waits until the running server serves a webhook trigger the command line just created (401 unsigned, not 404).</summary>
    private async Task WaitUntilServedAsync(string trigger)
    {
        var clock = Stopwatch.StartNew();
        while ((await DagNatsExample.PostAsync(Client, trigger, "{}", signature: null)).Status == HttpStatusCode.NotFound)
        {
            Assert.True(clock.Elapsed < ServedWithin, $"trigger {trigger} was not served after {clock.Elapsed}: {_host.StandardOutput}");
            await Task.Delay(50);
        }
    }

    private async Task WaitForServerLogAsync(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!_host.StandardOutput.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < ServedWithin, $"the server never logged '{text}': {_host.StandardOutput}");
            await Task.Delay(50);
        }
    }

    private async Task<JsonElement[]> TriggerRunsAsync(string trigger)
    {
        var answer = await DagNatsExample.GetAsync(Client, $"/v1/runs?trigger={trigger}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json!.Value.GetProperty("runs").EnumerateArray()];
    }

    private async Task<string> StoredDefinitionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.File("data/dagnats.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(definition, char(10)) FROM hooks";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
