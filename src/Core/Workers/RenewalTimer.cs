namespace Webhooks.Modular.Core.Workers;

/// <summary>Calls a renewal periodically until disposed; one call at a time, errors swallowed (the next tick retries).</summary>
internal sealed class RenewalTimer : IDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public RenewalTimer(TimeSpan period, Func<Task> renew)
    {
        _timer = new PeriodicTimer(period);
        _loop = LoopAsync(renew);
    }

    private async Task LoopAsync(Func<Task> renew)
    {
        while (await _timer.WaitForNextTickAsync())
        {
            try
            {
                await renew();
            }
            catch (Exception)
            {
                // A failed renewal is retried on the next tick; if the lease lapses meanwhile, fencing protects the run.
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _ = _loop;
    }
}
