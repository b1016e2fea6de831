using Npgsql;

namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>Binds name/value pairs to a command; <c>null</c> binds as SQL NULL.</summary>
internal static class SqlParameters
{
    /// <summary>Adds every pair to <paramref name="parameters"/>.</summary>
    /// <param name="parameters">A command's or batch command's parameters.</param>
    /// <param name="values">Names (without <c>@</c>) and values.</param>
    /// <remarks>
    /// Types are inferred from the values (string: text, byte[]: bytea, DateTimeOffset: timestamptz, Guid: uuid,
    /// string[]: text[]); where SQL cannot infer a NULL's type the statement casts the parameter.
    /// </remarks>
    public static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<(string Name, object? Value)> values)
    {
        foreach (var (name, value) in values)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
