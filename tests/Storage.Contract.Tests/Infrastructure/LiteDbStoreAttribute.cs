using System.Reflection;
using Xunit.Sdk;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>A contract theory's LiteDB row: runs the test with <see cref="StoreKind.LiteDb"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class LiteDbStoreAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.LiteDb]];
}
