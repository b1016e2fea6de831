using System.Reflection;
using Xunit.Sdk;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// A contract theory's PostgreSQL row: runs the test with <see cref="StoreKind.Postgres"/>, or reports that row
/// as skipped, with <see cref="PostgresEnvironment.SkipReason"/>, when no server is configured. xunit reads a data
/// attribute's <see cref="DataAttribute.Skip"/> per row, so the SQLite row of the same theory still runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class PostgresStoreAttribute : DataAttribute
{
    /// <summary>Sets <see cref="DataAttribute.Skip"/> when the server is not configured.</summary>
    public PostgresStoreAttribute()
    {
        if (PostgresEnvironment.SkipReasonIfUnavailable is { } reason)
        {
            Skip = reason;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Postgres]];
}
