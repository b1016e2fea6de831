namespace Webhooks.Modular.Storage.Sqlite.Configuration;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels this plugin allows.</summary>
internal enum SqliteSynchronousMode
{
    /// <summary>Every commit is synced to disk before it returns: an acknowledged request survives a power cut.</summary>
    Full,

    /// <summary>
    /// In WAL mode, commits are synced only at checkpoints: faster, and the file stays consistent, but the last
    /// commits before a power cut (not a process crash) may be lost.
    /// </summary>
    Normal,
}
