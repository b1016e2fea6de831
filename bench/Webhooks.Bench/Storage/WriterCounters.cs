using System.Reflection;
using System.Runtime.Loader;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// The SQLite plugin's write-queue counters (commits, operations), reached by reflection: the plugin keeps
/// them internal, and loads in its own context, so there is no type to compile against. A benchmark-only
/// peek; when the plugin changes shape the figures are simply left out.
/// </summary>
internal sealed class WriterCounters
{
    // Storage.Sqlite's and Storage.LiteDb's writers keep the same counters under the same property names.
    private static readonly (string Assembly, string Type)[] Databases =
    [
        ("Webhooks.Modular.Storage.Sqlite", "Webhooks.Modular.Storage.Sqlite.Database.SqliteDatabase"),
        ("Webhooks.Modular.Storage.LiteDb", "Webhooks.Modular.Storage.LiteDb.Database.LiteDbDatabase"),
    ];
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly object _database;
    private readonly PropertyInfo _writes;

    private WriterCounters(object database, PropertyInfo writes)
    {
        _database = database;
        _writes = writes;
    }

    /// <summary>Finds the plugin's database object in the host's services, or <c>null</c>.</summary>
    /// <param name="services">The host's services.</param>
    public static WriterCounters? TryFind(IServiceProvider services)
    {
        // Each host loads the plugin into a context of its own, and earlier hosts' contexts may linger: the
        // right type is the one this host's services know.
        foreach (var assembly in AssemblyLoadContext.All.SelectMany(context => context.Assemblies))
        {
            var name = assembly.GetName().Name;
            var type = Databases.Where(d => d.Assembly == name).Select(d => assembly.GetType(d.Type)).FirstOrDefault(t => t is not null);
            var database = type is null ? null : services.GetService(type);
            var writes = type?.GetProperty("Writes", Any);
            if (database is not null && writes is not null)
            {
                return new WriterCounters(database, writes);
            }
        }

        return null;
    }

    /// <summary>Reads the counters now: commits and the operations they carried; <c>null</c> if unreadable.</summary>
    public (long Commits, long Operations)? Read()
    {
        var queue = _writes.GetValue(_database);
        var type = queue?.GetType();
        var commits = type?.GetProperty("Commits", Any)?.GetValue(queue);
        var operations = type?.GetProperty("CommittedOperations", Any)?.GetValue(queue);
        return commits is long c && operations is long o ? (c, o) : null;
    }
}
