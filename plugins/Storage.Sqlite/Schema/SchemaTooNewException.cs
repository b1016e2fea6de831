namespace Webhooks.Modular.Storage.Sqlite.Schema;

/// <summary>The database file was written by a newer version of the plugin than the one running.</summary>
internal sealed class SchemaTooNewException : InvalidOperationException
{
    /// <summary>Creates the error.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="fileVersion">The schema version recorded in the file.</param>
    /// <param name="knownVersion">The newest schema version this code knows.</param>
    public SchemaTooNewException(string path, long fileVersion, int knownVersion)
        : base(
            $"the SQLite database '{path}' has schema version {fileVersion}, but this version of Storage.Sqlite "
            + $"knows schema versions up to {knownVersion} only; run a newer version of the plugin, or point "
            + "'path' at another file.")
    {
        FileVersion = fileVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The schema version recorded in the file.</summary>
    public long FileVersion { get; }

    /// <summary>The newest schema version this code knows.</summary>
    public int KnownVersion { get; }
}
