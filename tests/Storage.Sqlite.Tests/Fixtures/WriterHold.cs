namespace Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

/// <summary>An operation occupying the writer until <see cref="Release"/>.</summary>
internal sealed class WriterHold : IDisposable
{
    // Released is waited on synchronously by the writer, which is the point: it keeps the writer busy.
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualResetEventSlim Released { get; } = new();

    public Task<bool> Completion { get; set; } = Task.FromResult(false);

    /// <summary>Lets the writer go on and waits for the holding operation's batch to finish.</summary>
    public async Task ReleaseAsync()
    {
        Released.Set();
        Assert.True(await Completion, "the hold timed out instead of being released");
    }

    public void Dispose()
    {
        // A failing test must not leave the writer blocked: disposal of the database would wait for it.
        Released.Set();
    }
}
