namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>Helpers for the column lists the row readers expect.</summary>
internal static class SqlColumns
{
    /// <summary>Prefixes every column of a comma-separated list with a table alias (RETURNING after a join needs it).</summary>
    /// <param name="alias">The table's alias.</param>
    /// <param name="columns">The columns.</param>
    public static string Qualify(string alias, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => $"{alias}.{c}"));
}
