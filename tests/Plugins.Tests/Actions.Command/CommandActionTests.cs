using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Actions.Command;

namespace Webhooks.Modular.Plugins.Tests.Actions.Command;

public sealed class CommandActionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("command-action-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Payload_and_run_details_reach_the_command_environment()
    {
        var action = Create("""{ "command": "printf '%s|%s|%s|%s|%s|%s' \"$WEBHOOK_PAYLOAD\" \"$WEBHOOK_RUN_ID\" \"$WEBHOOK_HOOK\" \"$WEBHOOK_REQUEST_ID\" \"$WEBHOOK_EVENT_ID\" \"$WEBHOOK_ATTEMPT\"" }""");

        var result = await action.ExecuteAsync(RunContexts.With("""{"action":"opened","n":1}"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($$"""{"action":"opened","n":1}|run-42|demo|req-7|{{RunContexts.EventId:D}}|3""", result.Output);
    }

    [Fact]
    public async Task Environment_variables_used_as_secrets_are_not_handed_to_the_command()
    {
        Environment.SetEnvironmentVariable("COMMAND_TEST_SECRET", "s3cret");
        Environment.SetEnvironmentVariable("COMMAND_TEST_PLAIN", "visible");
        SecretReference.Resolve("env:COMMAND_TEST_SECRET", _directory, message => new Webhooks.Modular.Abstractions.Plugins.PluginConfigurationException("f", "o", "k", message));
        var action = Create("""{ "command": "printf '%s|%s' \"${COMMAND_TEST_SECRET:-absent}\" \"$COMMAND_TEST_PLAIN\"" }""");

        var result = await action.ExecuteAsync(RunContexts.With("{}"), CancellationToken.None);

        Assert.Equal("absent|visible", result.Output);
    }

    [Fact]
    public async Task Empty_input_reaches_the_command_as_an_empty_json_object()
    {
        var action = Create("""{ "command": "printf '%s' \"$WEBHOOK_PAYLOAD\"" }""");

        var result = await action.ExecuteAsync(RunContexts.With(input: ""), CancellationToken.None);

        Assert.Equal("{}", result.Output);
    }

    [Fact]
    public async Task Payload_is_also_on_standard_input()
    {
        var action = Create("""{ "command": "cat" }""");

        var result = await action.ExecuteAsync(RunContexts.With("""{"action":"closed"}"""), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("""{"action":"closed"}""", result.Output);
    }

    [Fact]
    public async Task Payload_too_large_for_an_environment_variable_is_on_standard_input_and_the_run_still_starts()
    {
        var big = JsonSerializer.Serialize(new { data = new string('x', 200_000) });
        var action = Create("""{ "command": "test -z \"${WEBHOOK_PAYLOAD+set}\" && echo unset; wc -c | tr -d ' '" }""");

        var result = await action.ExecuteAsync(RunContexts.With(big), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.StartsWith($"unset\n{Encoding.UTF8.GetByteCount(big)}\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("WEBHOOK_PAYLOAD not set", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_that_ignores_a_large_payload_on_standard_input_still_completes()
    {
        var big = JsonSerializer.Serialize(new { data = new string('x', 1_000_000) });
        var action = Create("""{ "command": "echo done", "timeoutSeconds": 30 }""");

        var result = await action.ExecuteAsync(RunContexts.With(big), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.StartsWith("done\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_writer_ends_quietly_when_its_reader_stops()
    {
        // The host ignores SIGPIPE; the command must not inherit that, or `yes` would complain and never die quietly.
        var action = Create("""{ "command": "yes | head -n 1" }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal(new RunResult(true, 0, "y\n", null), result);
    }

    [Fact]
    public async Task Allow_listed_headers_reach_the_command_as_a_json_object()
    {
        var action = Create("""{ "command": "printf '%s' \"$WEBHOOK_HEADERS\"", "headers": ["X-GitHub-Event", "x-delivery", "X-Absent"] }""");
        var headers = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["X-GitHub-Event"] = ["pull_request"],
            ["X-Delivery"] = ["a", "b"],
            ["X-Not-Listed"] = ["secret-ish"],
            ["Content-Type"] = ["application/vnd.github+json"],
        };

        var result = await action.ExecuteAsync(RunContexts.With(headers: headers), CancellationToken.None);

        var exposed = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Output);
        Assert.Equal(
            new Dictionary<string, string> { ["X-GitHub-Event"] = "pull_request", ["x-delivery"] = "a, b" },
            exposed);
    }

    [Fact]
    public async Task Authorization_proxy_authorization_and_cookie_never_reach_the_command_even_when_allow_listed()
    {
        var action = Create("""{ "command": "printf '%s\n' \"$WEBHOOK_HEADERS\"; env", "headers": ["Authorization", "proxy-authorization", "Cookie", "X-Event"] }""");
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = ["Bearer top-secret-token"],
            ["Proxy-Authorization"] = ["Basic cHJveHktc2VjcmV0"],
            ["Cookie"] = ["session=cookie-secret"],
            ["X-Event"] = ["push"],
        };

        var result = await action.ExecuteAsync(RunContexts.With(headers: headers), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var firstLine = result.Output.Split('\n')[0];
        Assert.Equal(new Dictionary<string, string> { ["X-Event"] = "push" }, JsonSerializer.Deserialize<Dictionary<string, string>>(firstLine));
        Assert.DoesNotContain("top-secret-token", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cHJveHktc2VjcmV0", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cookie-secret", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_environment_variables_reach_the_command()
    {
        var action = Create("""{ "command": "printf '%s/%s' \"$DEPLOY_ENV\" \"$RETRIES\"", "environment": { "DEPLOY_ENV": "staging", "RETRIES": 3 } }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal("staging/3", result.Output);
    }

    [Fact]
    public async Task Command_text_reaches_the_shell_verbatim()
    {
        var action = Create("""{ "command": "printf '%s' \"a  b\" 'c\"d' \\$HOME" }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal("a  bc\"d$HOME", result.Output);
    }

    [Fact]
    public async Task Zero_exit_succeeds_with_exit_code_0()
    {
        var action = Create("""{ "command": "echo hello" }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal(new RunResult(true, 0, "hello\n", null), result);
    }

    [Fact]
    public async Task Non_zero_exit_fails_with_the_exit_code_and_keeps_the_output()
    {
        var action = Create("""{ "command": "echo partial; echo broken >&2; exit 3" }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("exit code 3", result.Error);
        Assert.Contains("partial\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("broken\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_directory_resolves_against_the_configuration_folder()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "scripts"));
        var action = Create("""{ "command": "pwd", "workingDirectory": "scripts" }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal(Path.Combine(_directory, "scripts") + "\n", result.Output);
    }

    [Fact]
    public async Task Command_that_cannot_start_fails_with_the_reason()
    {
        var gone = Path.Combine(_directory, "gone");
        Directory.CreateDirectory(gone);
        var action = Create("""{ "command": "true", "workingDirectory": "gone" }""");
        Directory.Delete(gone);

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.ExitCode);
        Assert.StartsWith("could not start /bin/sh", result.Error, StringComparison.Ordinal);
        Assert.Contains(gone, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_kills_the_whole_process_tree()
    {
        var pidFile = Path.Combine(_directory, "background.pid");
        var action = Create($$"""{ "command": "sleep 30 & echo $! > '{{pidFile}}'; sleep 30; wait", "timeoutSeconds": 1 }""");
        var clock = Stopwatch.StartNew();

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.False(result.Succeeded);
        Assert.Equal("timed out after 1s", result.Error);
        var backgroundPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await HasEndedAsync(backgroundPid), $"background sleep {backgroundPid} is still running");
    }

    [Fact]
    public async Task Cancellation_kills_the_command_and_reports_cancelled()
    {
        var pidFile = Path.Combine(_directory, "background.pid");
        var action = Create($$"""{ "command": "sleep 30 & echo $! > '{{pidFile}}'; wait" }""");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var result = await action.ExecuteAsync(RunContexts.With(), cancellation.Token);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal(RunResult.Failure("cancelled"), result);
        var backgroundPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await HasEndedAsync(backgroundPid), $"background sleep {backgroundPid} is still running");
    }

    [Fact]
    public async Task Output_over_the_limit_is_truncated_with_a_marker()
    {
        var action = Create("""{ "command": "head -c 1000 /dev/zero | tr '\\0' a", "maxOutputBytes": 100 }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new string('a', 100) + "\n[output truncated after 100 bytes; 900 more bytes discarded]", result.Output);
    }

    [Fact]
    public async Task Command_writing_megabytes_to_both_streams_completes_with_bounded_output()
    {
        var action = Create("""{ "command": "head -c 5000000 /dev/zero | tr '\\0' o; head -c 5000000 /dev/zero | tr '\\0' e >&2", "timeoutSeconds": 60 }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new string('o', 65536) + "\n[output truncated after 65536 bytes; 9934464 more bytes discarded]", result.Output);
    }

    [Fact]
    public async Task Truncation_does_not_cut_a_character_in_half()
    {
        var action = Create("""{ "command": "printf 'ééé'", "maxOutputBytes": 3 }""");

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.Equal("é\n[output truncated after 3 bytes; 3 more bytes discarded]", result.Output);
    }

    [Fact]
    public async Task Background_process_holding_the_output_open_does_not_hold_the_run()
    {
        var action = Create("""{ "command": "sleep 20 & echo started" }""");
        var clock = Stopwatch.StartNew();

        var result = await action.ExecuteAsync(RunContexts.With(), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(result.Succeeded, result.Error);
        Assert.StartsWith("started\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("a background process still holds it open", result.Output, StringComparison.Ordinal);
    }

    private IRunAction Create(string json) => new CommandActionFactory().Create(TestSettings.FromJson(json, _directory));

    /// <summary>Whether a process is gone (or a zombie, which is dead but not yet reaped by a parent that might not exist).</summary>
    private static async Task<bool> HasEndedAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return true;
            }

            var state = stat[stat.LastIndexOf(')') + 2];
            if (state is 'Z' or 'X')
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
