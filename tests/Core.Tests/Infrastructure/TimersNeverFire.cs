namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// The system's time, but timers that never fire: given to a host (<see cref="ClockPlugin"/>), no periodic re-read or
/// poll can be what makes it notice a change, so a test proves that a signal did.
/// </summary>
public sealed class TimersNeverFire : TimeProvider
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
