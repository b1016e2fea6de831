using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;
using Webhooks.Modular.Core.Tests.Examples;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.ScaleOut;

/// <summary>
/// Two host processes running the Dagu example on one PostgreSQL database: a DAG webhook created, toggled,
/// regenerated or deleted through one host is served the same way by the other within seconds, without a restart.
/// </summary>
public sealed class DaguTwoHostTests(ITestOutputHelper output) : IDisposable
{
    private const string HashKeyVariable = "DAGU_TOKEN_HASH_KEY";
    private static readonly TimeSpan FollowWithin = TimeSpan.FromSeconds(5);

    private readonly TempFolder _folder = new();
    private readonly string _schema = $"dagu_{Guid.NewGuid():N}"[..20];

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [PostgresFact]
    public async Task A_webhook_changed_through_one_host_is_served_accordingly_by_the_other()
    {
        // The example's DAG folder, on PostgreSQL; the token hash key is given to both hosts, as on two machines.
        var config = DaguExample.CopyTo(_folder);
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } },
                new { name = "Auth.Bearer", settings = new { prefix = "dagu_wh_", hashKey = $"env:{HashKeyVariable}" } },
                new { name = "Auth.Builtin" },
                new { name = "Actions.Command" },
                new { name = "Surfaces.Dagu", settings = new { dagsDirectory = "dags" } },
            },
        }));
        var environment = new Dictionary<string, string?>(DaguExample.AdminEnvironment)
        {
            [HashKeyVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        // One after the other: the first creates the schema and the admin.
        await using var a = HostProcess.Start(config, environment: environment);
        await a.WaitUntilReadyAsync();
        await using var b = HostProcess.Start(config, environment: environment);
        await b.WaitUntilReadyAsync();
        var apiA = new DaguApiClient(a.Client);
        var apiB = new DaguApiClient(b.Client);
        var session = await apiA.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);

        // Created on A: B serves it, and runs it, within seconds.
        var created = await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var token = created.Json.GetProperty("token").GetString()!;
        var served = await UntilAsync(() => apiB.TriggerAsync(token, """{"payload":{"branch":"from-b"}}"""), HttpStatusCode.OK, "B serves the new webhook");
        var run = await apiB.WaitForRunAsync(session, served.Json.GetProperty("dagRunId").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());

        // Disabled on A: B refuses with 403; enabled again: B accepts.
        Assert.Equal(HttpStatusCode.OK, (await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":false}""")).Status);
        var refused = await UntilAsync(() => apiB.TriggerAsync(token), HttpStatusCode.Forbidden, "B refuses the disabled webhook");
        Assert.Equal("forbidden", refused.Code);
        Assert.Equal(HttpStatusCode.OK, (await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":true}""")).Status);
        await UntilAsync(() => apiB.TriggerAsync(token), HttpStatusCode.OK, "B accepts the enabled webhook");

        // Regenerated on A: the old token is dead on B at once, the new one works there at once.
        var regenerated = await apiA.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/regenerate", session);
        var newToken = regenerated.Json.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiB.TriggerAsync(token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await apiB.TriggerAsync(newToken)).Status);

        // Deleted on A: B answers 404.
        Assert.Equal(HttpStatusCode.NoContent, (await apiA.SendAsync(HttpMethod.Delete, "/api/v1/dags/my-dag/webhook", session)).Status);
        var gone = await UntilAsync(() => apiB.TriggerAsync(newToken), HttpStatusCode.NotFound, "B drops the deleted webhook");
        Assert.Equal("not_found", gone.Code);

        // And the other way round: created again on B, served by A with only the new token.
        var again = await apiB.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        Assert.True(again.Status == HttpStatusCode.Created, again.ToString());
        var againToken = again.Json.GetProperty("token").GetString()!;
        await UntilAsync(() => apiA.TriggerAsync(againToken), HttpStatusCode.OK, "A serves the webhook created on B");
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiA.TriggerAsync(newToken)).Status);
    }

    /// <summary>Repeats <paramref name="send"/> until it answers <paramref name="expected"/>, within <see cref="FollowWithin"/>.</summary>
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

            Assert.True(watch.Elapsed < FollowWithin, $"{what}: still {answer} after {watch.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(100);
        }
    }
}
