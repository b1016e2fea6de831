namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Optional, for stores shared by several hosts (PostgreSQL's <c>LISTEN/NOTIFY</c>): tells this host that some
/// host committed work, so that its workers wake at once instead of at their next poll, and that destinations
/// changed, so that its catalog is re-read. Polling remains the fallback: a lost signal only delays work.
/// </summary>
public interface IStoreSignals
{
    /// <summary>Calls <paramref name="onSignal"/> with a <see cref="StoreSignalKinds"/> value whenever such work is committed, by any host.</summary>
    /// <param name="onSignal">The callback; must return quickly and not throw.</param>
    /// <returns>Disposing it stops the calls.</returns>
    IDisposable Subscribe(Action<string> onSignal);
}
