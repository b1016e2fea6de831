using System.Diagnostics;
using System.Net;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// A trigger created by the <c>trigger</c> verb (its own process, on the same SQLite file) is served by the running
/// server as soon as the verb has returned: the verb's commit signals the server through the store's change signal.
/// The server's clock here never fires its timers, so the once-a-second re-read cannot be what serves the trigger.
/// </summary>
public sealed class DagNatsSignalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Trigger_created_by_the_verb_is_served_at_once_through_the_store_signal()
    {
        var config = DagNatsExample.CopyTo(_folder);
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

    public void Dispose() => _folder.Dispose();

    /// <summary>The system's time, but timers that never fire: no periodic re-read can serve the trigger.</summary>
    private sealed class TimersNeverFire : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
