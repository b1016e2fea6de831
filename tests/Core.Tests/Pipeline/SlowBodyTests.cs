using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Core.Tests.Examples;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Pipeline;

/// <summary>
/// A sender that sends its headers and then trickles or stalls its body, on real Kestrel over a bare socket: once the
/// host's minimum body data rate gives up on it (set low here, through the host's configuration), the answer is 408
/// problem details with <c>X-Request-Id</c>, and the log has one warning line and no stack trace.
/// </summary>
public sealed class SlowBodyTests : IDisposable
{
    // 100 bytes/s after a 1.5 s grace period: a stalled body is given up on within about three seconds.
    private static readonly string[] SlowBodyLimits =
    [
        "--Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond=100",
        "--Kestrel:Limits:MinRequestBodyDataRate:GracePeriod=00:00:01.500",
    ];

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_stalled_body_on_a_generic_hook_is_408_problem_details_with_one_warning_and_no_stack_trace()
    {
        var config = Deployments.Write(_folder, [Deployments.CommandHook("slow", "true")]);
        await using var host = await LoopbackHost.StartAsync(config, arguments: SlowBodyLimits);
        var logs = Capture(host);

        var response = await RawHttp.SendStalledAsync(
            host.Address,
            $"POST /hooks/slow HTTP/1.1\r\nX-API-Key: {Deployments.ApiKey}\r\nContent-Type: application/json\r\nX-Request-Id: slow-body-1",
            declaredLength: 1000,
            sentBody: """{"partial":""",
            AnswerTimeout);

        AssertProblem(response, "slow-body-1", logs);
        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("slow", warning.Message);
        Assert.Contains("slow-body-1", warning.Message);
        Assert.Contains("did not arrive in time", warning.Message);
    }

    [Fact]
    public async Task A_stalled_login_body_is_408_problem_details_with_one_warning_and_no_stack_trace()
    {
        var config = Deployments.Write(_folder, [], extraPlugins: [new { name = "Auth.Bearer" }, new { name = "Auth.Builtin" }]);
        await using var host = await LoopbackHost.StartAsync(config, arguments: SlowBodyLimits);
        var logs = Capture(host);

        var response = await RawHttp.SendStalledAsync(
            host.Address,
            "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nX-Request-Id: slow-login-1",
            declaredLength: 1000,
            sentBody: """{"username":""",
            AnswerTimeout);

        AssertProblem(response, "slow-login-1", logs);
        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("/api/v1/auth/login", warning.Message);
        Assert.Contains("did not arrive in time", warning.Message);
    }

    [Fact]
    public async Task A_stalled_body_on_the_kestra_surface_is_408_in_kestras_format_with_no_stack_trace()
    {
        var config = KestraExample.CopyTo(_folder);
        await using var host = await LoopbackHost.StartAsync(config, arguments: SlowBodyLimits);
        var logs = Capture(host);

        var response = await RawHttp.SendStalledAsync(
            host.Address,
            $"POST {KestraExample.Webhooks}/webhook_flow/{KestraExample.Key} HTTP/1.1\r\nContent-Type: application/json\r\nX-Request-Id: slow-kestra-1",
            declaredLength: 1000,
            sentBody: """{"partial":""",
            AnswerTimeout);

        Assert.True(response.Status == 408, $"status {response.Status}: {response.Body}\n{logs.Text}");
        Assert.Equal("slow-kestra-1", response.Headers["X-Request-Id"]);
        Assert.Contains("did not arrive in time", response.Body);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("slow-kestra-1", StringComparison.Ordinal));
    }

    private static CapturedLogs Capture(LoopbackHost host)
    {
        var logs = new CapturedLogs();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        return logs;
    }

    private static void AssertProblem(RawResponse response, string requestId, CapturedLogs logs)
    {
        Assert.True(response.Status == 408, $"status {response.Status}: {response.Body}\n{logs.Text}");
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"]);
        Assert.Equal(requestId, response.Headers["X-Request-Id"]);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal(408, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(requestId, problem.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("the request body did not arrive in time", problem.RootElement.GetProperty("detail").GetString());

        // One line, no stack trace: nothing logged with an exception, nothing at Error or above.
        Assert.True(
            logs.Entries.All(e => e.Exception is null && e.Level < LogLevel.Error && !e.Message.Contains("   at ", StringComparison.Ordinal)),
            logs.Text);
    }
}
