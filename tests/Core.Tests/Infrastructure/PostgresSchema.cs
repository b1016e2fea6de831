using Npgsql;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>The schema a PostgreSQL test gave its hosts, dropped when the test is done.</summary>
public static class PostgresSchema
{
    /// <summary>Drops <paramref name="schema"/> and everything in it; does nothing without a PostgreSQL server.</summary>
    public static void DropIfExists(string schema)
    {
        if (PostgresFactAttribute.ConnectionString is not { } connectionString)
        {
            return;
        }

        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
