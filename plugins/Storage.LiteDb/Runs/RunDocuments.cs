using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Runs;

/// <summary>Runs as stored: the fields of <see cref="RunRecord"/> plus the keys the queue's indexes walk.</summary>
internal static class RunDocuments
{
    /// <summary>A run's status as stored (the same words as the SQL stores).</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    /// <summary>A new run, queued.</summary>
    /// <param name="run">The run.</param>
    /// <param name="eventId">Its event.</param>
    /// <param name="requestId">Its event's request.</param>
    /// <param name="number">Its number.</param>
    /// <param name="now">The present, in unix milliseconds.</param>
    public static BsonDocument New(NewRun run, string eventId, string requestId, long number, long now)
    {
        var order = Documents.OrderKey(now, run.Id);
        return new BsonDocument
        {
            ["_id"] = run.Id,
            ["event_id"] = eventId,
            ["request_id"] = requestId,
            ["hook_name"] = run.HookName,
            ["action_type"] = run.ActionType,
            ["input"] = run.Input,
            ["status"] = StatusText(RunStatus.Queued),
            ["attempt"] = 0,
            ["max_attempts"] = run.MaxAttempts,
            ["created_at"] = now,
            ["number"] = number,
            ["order"] = order,

            // Set only while queued: the queue's index holds queued runs alone, oldest first. A run becomes due when
            // it is created, as in the SQL stores (whose available_at is its created_at).
            ["queue"] = order,
            ["lease_expires_at"] = BsonValue.Null,
        };
    }

    /// <summary>Reads a run.</summary>
    /// <param name="document">The stored run.</param>
    public static RunRecord Read(BsonDocument document) => new(
        document["_id"].AsString,
        Guid.Parse(document["event_id"].AsString),
        document["request_id"].AsString,
        document["hook_name"].AsString,
        document["action_type"].AsString,
        document["input"].AsString,
        ParseStatus(document["status"].AsString),
        document["attempt"].AsInt32,
        document["max_attempts"].AsInt32,
        Documents.Time(document, "created_at"),
        Documents.OptionalTime(document, "started_at"),
        Documents.OptionalTime(document, "finished_at"),
        Documents.OptionalNumber(document, "exit_code"),
        Documents.OptionalText(document, "output"),
        Documents.OptionalText(document, "error"),
        Documents.OptionalText(document, "lease_owner"),
        Documents.OptionalTime(document, "lease_expires_at"),
        Documents.OptionalText(document, "details"))
    {
        Number = document["number"].AsInt64,
    };

    private static RunStatus ParseStatus(string text) => text switch
    {
        "queued" => RunStatus.Queued,
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        _ => throw new InvalidDataException($"Unknown run status '{text}' in the runs collection."),
    };
}
