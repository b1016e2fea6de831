using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// The DagNats surface (the real host executable, <c>examples/dagnats</c>) under bad input: a body that stalls is
/// answered 408 in DagNats' error format without a stack trace in the server's log, and too many invalid signatures
/// from one address get 429 with <c>Retry-After</c>. The minimum body data rate is set low through the environment
/// (<c>Kestrel__Limits__MinRequestBodyDataRate__*</c>), <c>authFailures</c> in the copied <c>plugins.json</c>.
/// </summary>
public sealed class DagNatsGuardTests : IAsyncLifetime
{
    private const int Limit = 3;
    private const string Trigger = "guarded-push";

    private readonly TempFolder _folder = new();
    private string _config = null!;
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _config = DagNatsExample.CopyTo(_folder);
        var document = JsonNode.Parse(File.ReadAllText(_config), documentOptions: new System.Text.Json.JsonDocumentOptions
        {
            CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!;
        document["authFailures"] = new JsonObject { ["limit"] = Limit, ["windowSeconds"] = 60 };
        File.WriteAllText(_config, document.ToJsonString());
        var environment = new Dictionary<string, string?>(DagNatsExample.ServerEnvironment)
        {
            ["Kestrel__Limits__MinRequestBodyDataRate__BytesPerSecond"] = "100",
            ["Kestrel__Limits__MinRequestBodyDataRate__GracePeriod"] = "00:00:01.500",
        };
        _host = HostProcess.Start(_config, environment: environment);
        await _host.WaitUntilReadyAsync();
        var created = await HostCommand.RunAsync(_config, "trigger", "create", Trigger, "--workflow", "ci-pipeline", "--webhook");
        Assert.True(created.ExitCode == 0, created.Error);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_stalled_body_is_408_and_invalid_signatures_then_429_with_Retry_After()
    {
        // Served once an unsigned request gets 401 rather than 404; that 401 is the first failure of this address.
        var clock = Stopwatch.StartNew();
        while ((await DagNatsExample.PostAsync(_host.Client, Trigger, "{}", signature: null)).Status == HttpStatusCode.NotFound)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"trigger {Trigger} was not served: {_host.StandardOutput}");
            await Task.Delay(50);
        }

        var stalled = await RawHttp.SendStalledAsync(
            _host.Address,
            $"POST /v1/webhooks/{Trigger} HTTP/1.1\r\nContent-Type: application/json\r\nX-Request-Id: dagnats-slow-1",
            declaredLength: 1000,
            sentBody: """{"ref":""",
            TimeSpan.FromSeconds(60));
        Assert.True(stalled.Status == 408, $"{stalled.Status} {stalled.Body}\n{_host.StandardOutput}");
        Assert.Equal("dagnats-slow-1", stalled.Headers["X-Request-Id"]);
        Assert.Contains("\"error\"", stalled.Body);
        Assert.Contains("did not arrive in time", stalled.Body);

        for (var i = 1; i < Limit; i++)
        {
            var wrong = await DagNatsExample.PostAsync(_host.Client, Trigger, "{}", DagNatsExample.Sign("not-the-secret", "{}"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{Trigger}") { Content = new StringContent("{}") };
        request.Headers.Add("X-Signature-256", DagNatsExample.Sign(DagNatsExample.EnvironmentSecret, "{}"));
        using var refused = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("\"error\"", await refused.Content.ReadAsStringAsync());

        // A warning line for the stalled body (the console logger writes asynchronously: wait for it), and no
        // error and no stack trace anywhere in the server's output.
        clock.Restart();
        while (!_host.StandardOutput.Contains("did not arrive in time", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"no warning for the stalled body: {_host.StandardOutput}");
            await Task.Delay(50);
        }

        var output = _host.StandardOutput + _host.StandardError;
        // One warning (the request log adds its own Information line for the same request id).
        Assert.Single(output.Split('\n'), line => line.Contains("dagnats-slow-1", StringComparison.Ordinal) && line.Contains("could not be read", StringComparison.Ordinal));
        Assert.DoesNotContain("fail:", output);
        Assert.DoesNotContain("   at ", output);
    }
}
