namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// Where the PostgreSQL tests find their server: the connection string in <see cref="VariableName"/>. Unset, every
/// PostgreSQL test is reported as skipped with <see cref="SkipReason"/>, so that a green run without a server does
/// not pass for a run against one.
/// </summary>
internal static class PostgresEnvironment
{
    /// <summary>The environment variable holding an Npgsql connection string to a database the tests may use.</summary>
    public const string VariableName = "WEBHOOKS_TEST_POSTGRES";

    /// <summary>Why PostgreSQL tests are skipped when the variable is not set.</summary>
    public const string SkipReason = "WEBHOOKS_TEST_POSTGRES is not set: PostgreSQL contract tests skipped (see README)";

    /// <summary>The connection string, or <c>null</c> when the variable is unset or blank.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The skip reason when there is no server to test against, otherwise <c>null</c>.</summary>
    public static string? SkipReasonIfUnavailable => ConnectionString is null ? SkipReason : null;
}
