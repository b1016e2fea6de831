using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// A Dagu webhook created or deleted through one host (its own process) is followed at once by another host on the same
/// store: the change signals the hooks (SQLite's signal files, PostgreSQL's <c>NOTIFY</c>) and the other host's webhook
/// reconciler wakes on it. That host's clock never fires its timers, so its once-a-second re-read cannot be what
/// serves or drops the webhook.
/// </summary>
public sealed class DaguSignalTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempFolder _folder = new();
    private readonly string _schema = $"dagusig_{Guid.NewGuid():N}"[..24];

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [Fact]
    public async Task A_webhook_created_through_one_host_is_served_at_once_by_another_on_the_same_sqlite_file()
    {
        await FollowedAtOnceAsync(DaguExample.CopyTo(_folder));
    }

    [PostgresFact]
    public async Task A_webhook_created_through_one_host_is_served_at_once_by_another_on_the_same_postgres_database()
    {
        var config = DaguExample.CopyTo(_folder);
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } },
                new { name = "Auth.Bearer", settings = new { prefix = "dagu_wh_" } },
                new { name = "Auth.Builtin" },
                new { name = "Actions.Command" },
                new { name = "Surfaces.Dagu", settings = new { dagsDirectory = "dags" } },
            },
        }));
        await FollowedAtOnceAsync(config);
    }

    private async Task FollowedAtOnceAsync(string config)
    {
        // The first host creates the store and the admin; both share the folder, so the token hash key file too.
        await using var a = HostProcess.Start(config, environment: DaguExample.AdminEnvironment);
        await a.WaitUntilReadyAsync();
        await using var b = await LoopbackHost.StartAsync(config, webhooks => webhooks.AddPlugin(new ClockPlugin(new TimersNeverFire())));
        var apiA = new DaguApiClient(a.Client);
        var apiB = new DaguApiClient(b.Client);
        var session = await apiA.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);

        var created = await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var token = created.Json.GetProperty("token").GetString()!;
        await UntilAsync(() => apiB.TriggerAsync(token, """{"payload":{"branch":"signalled"}}"""), HttpStatusCode.OK, "from A's 201 to B serving the webhook");

        Assert.Equal(HttpStatusCode.OK, (await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":false}""")).Status);
        await UntilAsync(() => apiB.TriggerAsync(token), HttpStatusCode.Forbidden, "from A's disabling to B refusing the webhook");

        Assert.Equal(HttpStatusCode.NoContent, (await apiA.SendAsync(HttpMethod.Delete, "/api/v1/dags/my-dag/webhook", session)).Status);
        var gone = await UntilAsync(() => apiB.TriggerAsync(token), HttpStatusCode.NotFound, "from A's deletion to B dropping the webhook");
        Assert.Equal("not_found", gone.Code);
    }

    /// <summary>Repeats <paramref name="send"/> until it answers <paramref name="expected"/>, within <see cref="Patience"/>.</summary>
    private async Task<DaguApiClient.Answer> UntilAsync(Func<Task<DaguApiClient.Answer>> send, HttpStatusCode expected, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var answer = await send();
            if (answer.Status == expected)
            {
                output.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
                return answer;
            }

            Assert.True(watch.Elapsed < Patience, $"{what}: still {answer} after {watch.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(20);
        }
    }
}
