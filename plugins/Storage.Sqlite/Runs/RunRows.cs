using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Runs;

/// <summary>How a run is laid out in the <c>runs</c> table.</summary>
internal static class RunRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at,
        started_at, finished_at, exit_code, output, error, lease_owner, lease_expires_at, details,
        number, rerun_of
        """;

    /// <summary>The stored text of a status.</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>Reads a run selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static RunRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        Guid.Parse(reader.GetString(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        ParseStatus(reader.GetString(6)),
        reader.GetInt32(7),
        reader.GetInt32(8),
        UnixTime.FromMilliseconds(reader.GetInt64(9)),
        ReadTime(reader, 10),
        ReadTime(reader, 11),
        reader.IsDBNull(12) ? null : reader.GetInt32(12),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        ReadTime(reader, 16),
        reader.IsDBNull(17) ? null : reader.GetString(17))
    {
        // Null only for a row written without the writer (a test's raw insert): such a run has no number.
        Number = reader.IsDBNull(18) ? 0 : reader.GetInt64(18),
        RerunOf = reader.IsDBNull(19) ? null : reader.GetString(19),
    };

    private static RunStatus ParseStatus(string text) => text switch
    {
        "queued" => RunStatus.Queued,
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        _ => throw new InvalidDataException($"Unknown run status '{text}' in the runs table."),
    };

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixTime.FromMilliseconds(reader.GetInt64(ordinal));
}
