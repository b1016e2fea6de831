namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server: the connection string comes from <c>WEBHOOKS_TEST_POSTGRES</c>, and the
/// test is reported as skipped, with this reason, when it is not set (<c>.ci/run</c> sets it).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "WEBHOOKS_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            Skip = $"{Variable} is not set: PostgreSQL tests skipped (see README)";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
