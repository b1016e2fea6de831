using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// A trigger created by the <c>trigger</c> verb (its own process, on the same SQLite file) is served by the running
/// server as soon as the verb has returned: the verb's commit signals the server through the store's change signal.
/// The server's clock here never fires its timers, so the once-a-second re-read cannot be what serves the trigger. On
/// SQLite and on PostgreSQL.
/// </summary>
public sealed class DagNatsSignalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _schema = $"dagnats_{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task Trigger_created_by_the_verb_is_served_at_once_through_the_store_signal()
    {
        var config = DagNatsExample.CopyTo(_folder);
        await ServedAndDroppedAtOnceAsync(config);
    }

    /// <summary>
    /// On PostgreSQL the verb's commit <c>NOTIFY</c>s the schema's channel (the <c>hooks</c> signal) and the running host,
    /// another process on the same database, <c>LISTEN</c>s: the trigger is served at once there too.
    /// </summary>
    [PostgresFact]
    public async Task Trigger_created_by_the_verb_on_postgres_is_served_at_once_by_the_running_host()
    {
        var config = DagNatsExample.CopyTo(_folder);
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } },
                new { name = "Auth.Hmac" },
                new { name = "Conditions.JsonField" },
                new { name = "Actions.Command" },
                new { name = "Actions.Steps" },
                new { name = "Surfaces.DagNats", settings = new { workflowsDirectory = "workflows", secretsDirectory = "data/dagnats-secrets" } },
            },
        }));
        await ServedAndDroppedAtOnceAsync(config);
    }

    private async Task ServedAndDroppedAtOnceAsync(string config)
    {
        await using var host = await LoopbackHost.StartAsync(config, webhooks => webhooks.AddPlugin(new ClockPlugin(new TimersNeverFire())));
        const string Body = """{"ref":"refs/heads/main"}""";
        var signature = DagNatsExample.Sign("whsec_signal_secret", Body);
        Assert.Equal(HttpStatusCode.NotFound, (await DagNatsExample.PostAsync(host.Client, "signalled", Body, signature)).Status);

        var created = await HostCommand.RunAsync(config, "trigger", "create", "signalled", "--workflow", "ci-pipeline", "--webhook", "--secret", "whsec_signal_secret");
        Assert.True(created.ExitCode == 0, created.Output + created.Error);

        var served = Stopwatch.StartNew();
        DagNatsExample.Answer answer;
        do
        {
            answer = await DagNatsExample.PostAsync(host.Client, "signalled", Body, signature);
        }
        while (answer.Status == HttpStatusCode.NotFound && served.Elapsed < TimeSpan.FromSeconds(15));

        output.WriteLine($"from the verb's exit to the trigger being served: {served.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        var deleted = await HostCommand.RunAsync(config, "trigger", "delete", "signalled");
        Assert.True(deleted.ExitCode == 0, deleted.Output + deleted.Error);
        var gone = Stopwatch.StartNew();
        while ((answer = await DagNatsExample.PostAsync(host.Client, "signalled", Body, signature)).Status != HttpStatusCode.NotFound
            && gone.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(20);
        }

        output.WriteLine($"from the verb's exit to the trigger no longer being served: {gone.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }
}
