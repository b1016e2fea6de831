namespace Webhooks.Modular.Storage.Postgres.Schema;

/// <summary>The schema was written by a newer version of the plugin than the one running.</summary>
internal sealed class SchemaTooNewException : InvalidOperationException
{
    /// <summary>Creates the error.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="databaseVersion">The version recorded in the schema.</param>
    /// <param name="knownVersion">The newest version this code knows.</param>
    public SchemaTooNewException(string schema, long databaseVersion, int knownVersion)
        : base(
            $"the PostgreSQL schema '{schema}' has schema version {databaseVersion}, but this version of Storage.Postgres "
            + $"knows schema versions up to {knownVersion} only; run a newer version of the plugin on every host, or "
            + "point 'schema' at another schema.")
    {
        DatabaseVersion = databaseVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The version recorded in the schema.</summary>
    public long DatabaseVersion { get; }

    /// <summary>The newest version this code knows.</summary>
    public int KnownVersion { get; }
}
