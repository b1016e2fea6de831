using System.Reflection;
using Xunit.Sdk;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>A contract theory's SQLite row: runs the test with <see cref="StoreKind.Sqlite"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class SqliteStoreAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Sqlite]];
}
