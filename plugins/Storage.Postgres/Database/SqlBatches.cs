using Npgsql;

namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>Builds batches: several statements sent in one round trip, run in order on one connection.</summary>
internal static class SqlBatches
{
    /// <summary>Adds one statement with its parameters to a batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Names (without <c>@</c>) and values.</param>
    /// <returns>The statement's index in the batch, to read its row count afterwards.</returns>
    public static int Add(NpgsqlBatch batch, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        SqlParameters.Bind(command.Parameters, parameters);
        batch.BatchCommands.Add(command);
        return batch.BatchCommands.Count - 1;
    }
}
