namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>The storage plugins the contract suite runs against; a theory's data row names one.</summary>
public enum StoreKind
{
    /// <summary>Storage.Sqlite, on a file in a temporary folder.</summary>
    Sqlite,

    /// <summary>Storage.Postgres, in a fresh schema of the database named by <c>WEBHOOKS_TEST_POSTGRES</c>.</summary>
    Postgres,

    /// <summary>Storage.LiteDb, on a file in a temporary folder.</summary>
    LiteDb,
}
