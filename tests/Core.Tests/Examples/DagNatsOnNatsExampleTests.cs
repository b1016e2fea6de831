using System.Net;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Bus;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// The NATS variant of <c>examples/dagnats</c> (<c>plugins.nats.json</c>), as its README walks through it: an outside
/// subscriber (<c>bus tail</c>, a separate process) sees <c>event.webhook.github-push</c> arrive with the event's id
/// and the body. The shipped file is used as is, but for the server's URL (and a stream name of the test's own).
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class DagNatsOnNatsExampleTests : IDisposable
{
    private const string GitHubSecret = "whsec_github_specific_secret";
    private const string PushBody = """{"ref":"refs/heads/main","after":"abc123"}""";
    private readonly TempFolder _folder = new();
    private readonly string _stream = $"T_{Guid.NewGuid():N}"[..14];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [NatsFact]
    public async Task An_outside_subscriber_sees_event_webhook_github_push_arrive()
    {
        await using (var cleanup = new NatsStream(NatsFactAttribute.Url!, _stream))
        {
            await foreach (var name in cleanup.JetStream.ListStreamNamesAsync())
            {
                if (name.StartsWith("T_", StringComparison.Ordinal))
                {
                    await new NatsStream(NatsFactAttribute.Url!, name).DeleteIfExistsAsync();
                }
            }
        }

        DagNatsExample.CopyTo(_folder);
        var config = _folder.File("plugins.nats.json");
        var shipped = await File.ReadAllTextAsync(config);
        Assert.Contains("\"name\": \"Bus.Nats\"", shipped);
        await File.WriteAllTextAsync(config, shipped
            .Replace("nats://127.0.0.1:4222", NatsFactAttribute.Url!, StringComparison.Ordinal)
            .Replace("\"stream\": \"EVENTS\"", $"\"stream\": \"{_stream}\"", StringComparison.Ordinal));

        await using var host = HostProcess.Start(config, environment: DagNatsExample.ServerEnvironment);
        await host.WaitUntilReadyAsync();

        // dagnats bus tail --subject 'event.webhook.>' (from the stream's start, so it cannot miss the event)
        var tail = HostCommand.RunAsync(config, "bus", "tail", "--subject", "event.webhook.>", "--all", "--count", "1");

        var created = await HostCommand.RunAsync(config, "trigger", "create", "github-push", "--workflow", "ci-pipeline", "--webhook", "--secret", GitHubSecret);
        Assert.True(created.ExitCode == 0, created.Error);
        DagNatsExample.Answer accepted;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            accepted = await DagNatsExample.PostAsync(host.Client, "github-push", PushBody, DagNatsExample.Sign(GitHubSecret, PushBody));
            if (accepted.Status == HttpStatusCode.NotFound)
            {
                await Task.Delay(100); // the server picks the new trigger up within a second
            }
        }
        while (accepted.Status == HttpStatusCode.NotFound && DateTime.UtcNow < deadline);

        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.ToString());
        var eventId = accepted.Json!.Value.GetProperty("event_id").GetString();

        var (exitCode, output, error) = await tail;
        Assert.True(exitCode == 0, error + output);
        Assert.Contains($" event.webhook.github-push {eventId} {PushBody}", output);
    }
}
