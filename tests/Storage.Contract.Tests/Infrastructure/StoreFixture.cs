using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// A fresh, isolated database of one storage plugin, opened through the plugin itself as the host opens it, with
/// its stores and a manual clock. <see cref="OpenAnotherHostAsync"/> opens the same database again in a separate
/// container, the way a second host sharing it would. Disposing it closes every host and deletes the database.
/// </summary>
internal abstract class StoreFixture : IAsyncDisposable
{
    private readonly List<StoreSet> _hosts = [];
    private StoreSet? _first;

    /// <summary>The clock every host of this fixture reads.</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>Which plugin this is.</summary>
    public abstract StoreKind Kind { get; }

    /// <summary>
    /// Whether the plugin is meant to offer <see cref="IStoreSignals"/>: a store shared by several hosts does; a
    /// store of one process (SQLite) has no other host to hear from and offers none.
    /// </summary>
    public abstract bool SignalsOtherHosts { get; }

    /// <summary>The first host's stores.</summary>
    public StoreSet Host => _first ?? throw new InvalidOperationException("The fixture was not started.");

    /// <summary>The first host's event store.</summary>
    public IEventStore Events => Host.Events;

    /// <summary>The first host's run queue.</summary>
    public IRunQueue Runs => Host.Runs;

    /// <summary>The first host's hook store.</summary>
    public IHookStore Hooks => Host.Hooks;

    /// <summary>The first host's token store.</summary>
    public IAuthTokenStore Tokens => Host.Tokens;

    /// <summary>The first host's user store.</summary>
    public IUserStore Users => Host.Users;

    /// <summary>The first host's delivery store.</summary>
    public IDeliveryStore Deliveries => Host.Deliveries;

    /// <summary>The first host's credential store.</summary>
    public ICredentialStore Credentials => Host.Credentials;

    /// <summary>The first host's signals, or <c>null</c> when the plugin offers none.</summary>
    public IStoreSignals? Signals => Host.Signals;

    /// <summary>A service the plugin must register (an optional store contract it implements).</summary>
    public T Required<T>()
        where T : notnull => Host.Required<T>();

    /// <summary>The first host's backlog reader (both built-in plugins offer one).</summary>
    public IStoreBacklog Backlog => Host.Backlog ?? throw new InvalidOperationException($"{Kind} registers no {nameof(IStoreBacklog)}.");

    /// <summary>The first host's retention purger (both built-in plugins offer one).</summary>
    public IStoreRetention Retention => Host.Retention ?? throw new InvalidOperationException($"{Kind} registers no {nameof(IStoreRetention)}.");

    /// <summary>The first host's event feed (both built-in plugins offer one).</summary>
    public IEventFeed Feed => Host.Feed ?? throw new InvalidOperationException($"the {Kind} store offers no IEventFeed");

    /// <summary>A fixture of <paramref name="kind"/>, started.</summary>
    /// <param name="kind">The plugin.</param>
    public static async Task<StoreFixture> CreateAsync(StoreKind kind)
    {
        StoreFixture fixture = kind switch
        {
            StoreKind.Sqlite => new SqliteStoreFixture(),
            StoreKind.Postgres => new PostgresStoreFixture(),
            StoreKind.LiteDb => new LiteDbStoreFixture(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no fixture for this store"),
        };
        try
        {
            await fixture.PrepareAsync();
            fixture._first = await fixture.OpenAnotherHostAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the same database in a new container: another host. It shares this fixture's clock, and is closed
    /// with the fixture.
    /// </summary>
    public async Task<StoreSet> OpenAnotherHostAsync()
    {
        var host = await StoreSet.StartAsync(CreatePlugin(), CreateContext(), Clock, CancellationToken.None);
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        StoreSet[] hosts;
        lock (_hosts)
        {
            hosts = [.. _hosts];
            _hosts.Clear();
        }

        try
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
        finally
        {
            await DeleteDatabaseAsync();
        }
    }

    /// <summary>Creates what the database needs before the plugin opens it (a folder, a schema).</summary>
    protected abstract Task PrepareAsync();

    /// <summary>A new instance of the plugin, as each host loads its own.</summary>
    protected abstract IWebhookPlugin CreatePlugin();

    /// <summary>The plugin's context: its name and the settings that point it at this fixture's database.</summary>
    protected abstract PluginContext CreateContext();

    /// <summary>Deletes the database once every host is closed.</summary>
    protected abstract Task DeleteDatabaseAsync();
}
