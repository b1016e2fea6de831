using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// Counts of the outbox (deliveries and their attempts) in the host's database, read once the host has stopped,
/// for the same reason as <see cref="RunTable"/>.
/// </summary>
internal sealed class DeliveryTable
{
    private readonly string _connectionString;

    /// <summary>Reads the given database file.</summary>
    /// <param name="path">The file.</param>
    public DeliveryTable(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
    }

    /// <summary>Deliveries by status, and their attempts.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<DeliveryCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                (SELECT count(*) FROM deliveries),
                (SELECT count(*) FROM deliveries WHERE status = 'success'),
                (SELECT count(*) FROM deliveries WHERE status = 'pending'),
                (SELECT count(*) FROM deliveries WHERE status = 'failed'),
                (SELECT count(*) FROM delivery_attempts),
                (SELECT count(DISTINCT delivery_id) FROM delivery_attempts)
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DeliveryCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }
}
