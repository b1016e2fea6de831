using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Events;
using Webhooks.Modular.Storage.Sqlite.Signals;

namespace Webhooks.Modular.Storage.Sqlite.Deliveries;

/// <summary>
/// Destinations, deliveries and attempts. Deliveries are inserted with their event (see
/// <see cref="AcceptedWebhookWriter"/>); here they are claimed, fenced by their lease token, and finished.
/// Every change is one write on the shared writer, so a claim is atomic.
/// </summary>
internal sealed class SqliteDeliveryStore : IDeliveryStore
{
    /// <summary>
    /// The claim. For each active destination not excluded, a correlated subquery seeks its oldest due, unleased
    /// pending deliveries in <c>deliveries_pending</c> and stops after <c>$per_destination</c>; only those
    /// candidates (destinations × per-destination at most) are sorted for the overall <c>$max</c>. So a claim
    /// never walks finished deliveries, nor a backlog of one destination past its first rows. CROSS JOIN is how
    /// SQLite is told to keep <c>destinations</c> as the outer loop: left to itself it may scan every delivery and
    /// test each against the subquery. A lease that is still set when its delivery is claimed again expired
    /// unrecorded: its worker stopped (or lost the store) mid-attempt, after the request may have gone out, so that
    /// attempt is counted and the next one carries the next number instead of repeating it.
    /// </summary>
    internal const string ClaimSql = $"""
        UPDATE deliveries SET
            lease_owner = $owner, lease_expires_at = $lease_expires_at, lease_token = lease_token + 1,
            attempts = attempts + (lease_owner IS NOT NULL)
        WHERE id IN (
            SELECT d.id
            FROM destinations AS dest
            CROSS JOIN deliveries AS d
            WHERE dest.is_active = 1 AND dest.id NOT IN (SELECT value FROM json_each($excluded))
                AND d.rowid IN (
                    SELECT p.rowid FROM deliveries AS p
                    WHERE p.destination_id = dest.id AND p.status = 'pending' AND p.next_attempt_at <= $now
                        AND (p.lease_expires_at IS NULL OR p.lease_expires_at <= $now)
                    ORDER BY p.next_attempt_at, p.id
                    LIMIT $per_destination)
            ORDER BY d.next_attempt_at, d.id
            LIMIT $max)
        RETURNING {DeliveryRows.Columns}
        """;

    // The fence: a worker whose lease expired and whose delivery was claimed again holds an older token, so its
    // late write matches no row, even under the same owner name.
    private const string Fence = "id = $id AND lease_owner = $owner AND lease_token = $lease_token AND status = 'pending'";

    private readonly SqliteDatabase _database;
    private readonly SqliteStoreSignals? _signals;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="signals">Where destination changes and replays are signalled, so that a running server hears of
    /// those made by another process (the <c>destination</c> verb) at once; none in tests that need no signals.</param>
    public SqliteDeliveryStore(SqliteDatabase database, SqliteStoreSignals? signals = null)
    {
        _database = database;
        _signals = signals;
    }

    /// <inheritdoc />
    public async Task<bool> CreateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        var parameters = DestinationRows.Parameters(destination);
        return Signalled(StoreSignalKinds.Destinations, await _database.WriteAsync(
            transaction =>
            {
                using var command = Command(transaction, parameters);
                command.CommandText = $"""
                    INSERT INTO destinations ({DestinationRows.Columns})
                    VALUES ($id, $owner, $url, $method, $event_types, $hook_name, $description, $is_active, $disabled_reason,
                        $channel, $format, $signing, $secrets, $headers, $credential_id, $template, $retry, $created_at,
                        $updated_at, $failing_since)
                    ON CONFLICT (id) DO NOTHING
                    """;
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<bool> UpdateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        var parameters = DestinationRows.Parameters(destination);
        return Signalled(StoreSignalKinds.Destinations, await _database.WriteAsync(
            transaction =>
            {
                using var command = Command(transaction, parameters);
                command.CommandText = """
                    UPDATE destinations SET
                        owner = $owner, url = $url, method = $method, event_types = $event_types, hook_name = $hook_name,
                        description = $description, is_active = $is_active, disabled_reason = $disabled_reason,
                        channel = $channel, format = $format, signing = $signing, secrets = $secrets, headers = $headers,
                        credential_id = $credential_id, template = $template, retry = $retry, updated_at = $updated_at,
                        failing_since = $failing_since
                    WHERE id = $id
                    """;
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Signalled(StoreSignalKinds.Destinations, await _database.WriteAsync(
            transaction =>
            {
                // Children first: the foreign keys refuse a parent that still has rows pointing at it.
                using var command = Command(transaction, [("$id", id)]);
                command.CommandText = """
                    DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE destination_id = $id);
                    DELETE FROM deliveries WHERE destination_id = $id;
                    """;
                command.ExecuteNonQuery();
                command.CommandText = "DELETE FROM destinations WHERE id = $id";
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<DestinationRecord?> GetDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(
            $"SELECT {DestinationRows.Columns} FROM destinations WHERE id = $id", [("$id", id)], DestinationRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DestinationRecord>> ListDestinationsAsync(string? owner, CancellationToken cancellationToken) =>
        owner is null
            ? _database.QueryAsync(
                $"SELECT {DestinationRows.Columns} FROM destinations ORDER BY created_at, id", [], DestinationRows.Read, cancellationToken)
            : _database.QueryAsync(
                $"SELECT {DestinationRows.Columns} FROM destinations WHERE owner = $owner ORDER BY created_at, id",
                [("$owner", owner)],
                DestinationRows.Read,
                cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> ClaimDueAsync(
        string owner,
        int max,
        int perDestination,
        IReadOnlyCollection<string> excludedDestinations,
        DateTimeOffset now,
        TimeSpan leaseDuration,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perDestination, 1);
        ArgumentNullException.ThrowIfNull(excludedDestinations);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);

        // One JSON parameter, read with json_each, however many destinations are excluded.
        var excluded = JsonColumns.WriteStrings(excludedDestinations);
        var nowMilliseconds = UnixTime.ToMilliseconds(now);
        return _database.WriteAsync<IReadOnlyList<DeliveryRecord>>(
            transaction =>
            {
                using var command = Command(
                    transaction,
                    [
                        ("$owner", owner),
                        ("$lease_expires_at", nowMilliseconds + UnixTime.ToMilliseconds(leaseDuration)),
                        ("$now", nowMilliseconds),
                        ("$per_destination", perDestination),
                        ("$max", max),
                        ("$excluded", excluded),
                    ]);
                command.CommandText = ClaimSql;
                var claimed = new List<DeliveryRecord>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        claimed.Add(DeliveryRows.Read(reader));
                    }
                }

                // RETURNING gives rows in no promised order; workers expect the oldest due first.
                claimed.Sort(static (a, b) =>
                {
                    var byDue = a.NextAttemptAt.CompareTo(b.NextAttemptAt);
                    return byDue != 0 ? byDue : string.CompareOrdinal(a.Id, b.Id);
                });
                return claimed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = FencedCommand(transaction, deliveryId, owner, leaseToken);
                command.CommandText = $"UPDATE deliveries SET lease_expires_at = $lease_expires_at WHERE {Fence}";
                command.Parameters.AddWithValue("$lease_expires_at", UnixTime.ToMilliseconds(leaseExpiresAt));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RecordAttemptAsync(
        string deliveryId, string owner, long leaseToken, DeliveryAttemptRecord attempt, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!string.Equals(attempt.DeliveryId, deliveryId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The attempt is of delivery '{attempt.DeliveryId}', not '{deliveryId}'.", nameof(attempt));
        }

        var pending = outcome.Status == DeliveryStatus.Pending;
        if (pending && outcome.NextAttemptAt is null)
        {
            throw new ArgumentException("A delivery that stays pending needs the time of its next attempt.", nameof(outcome));
        }

        var status = DeliveryRows.StatusText(outcome.Status);
        return _database.WriteAsync(
            transaction =>
            {
                var now = _database.NowMilliseconds;

                // The fenced update goes first: when it matches nothing, nothing else is written either.
                string? destinationId;
                using (var update = FencedCommand(transaction, deliveryId, owner, leaseToken))
                {
                    update.CommandText = $"""
                        UPDATE deliveries SET
                            attempts = attempts + 1,
                            retries = retries + $retry_increment,
                            status = $status,
                            next_attempt_at = COALESCE($next_attempt_at, next_attempt_at),
                            completed_at = $completed_at,
                            last_status_code = $status_code,
                            last_error = $error,
                            lease_owner = NULL,
                            lease_expires_at = NULL
                        WHERE {Fence}
                        RETURNING destination_id
                        """;
                    Bind(update, [
                        ("$retry_increment", outcome.CountsAsRetry ? 1 : 0),
                        ("$status", status),
                        ("$next_attempt_at", pending ? UnixTime.ToMilliseconds(outcome.NextAttemptAt!.Value) : null),
                        ("$completed_at", pending ? null : now),
                        ("$status_code", attempt.StatusCode),
                        ("$error", attempt.Error),
                    ]);
                    destinationId = update.ExecuteScalar() as string;
                }

                if (destinationId is null)
                {
                    return false;
                }

                // The rest shares the operation's savepoint: if either insert or update fails, the delivery's
                // change above is rolled back with it.
                using (var insert = Command(
                    transaction,
                    [
                        ("$delivery_id", deliveryId),
                        ("$attempt", attempt.Attempt),
                        ("$started_at", UnixTime.ToMilliseconds(attempt.StartedAt)),
                        ("$duration_ms", DeliveryAttemptRows.DurationMilliseconds(attempt.Duration)),
                        ("$status_code", attempt.StatusCode),
                        ("$response_excerpt", attempt.ResponseExcerpt),
                        ("$error", attempt.Error),
                    ]))
                {
                    insert.CommandText = $"""
                        INSERT INTO delivery_attempts ({DeliveryAttemptRows.Columns})
                        VALUES ($delivery_id, $attempt, $started_at, $duration_ms, $status_code, $response_excerpt, $error)
                        """;
                    insert.ExecuteNonQuery();
                }

                using (var destination = Command(
                    transaction,
                    [
                        ("$id", destinationId),
                        ("$failing_since", outcome.DestinationFailingSince is { } since ? UnixTime.ToMilliseconds(since) : null),
                        ("$disable", outcome.DisableDestination),
                        ("$now", now),
                    ]))
                {
                    destination.CommandText = """
                        UPDATE destinations SET
                            failing_since = $failing_since,
                            is_active = CASE WHEN $disable IS NULL THEN is_active ELSE 0 END,
                            disabled_reason = COALESCE($disable, disabled_reason),
                            updated_at = CASE WHEN $disable IS NULL THEN updated_at ELSE $now END
                        WHERE id = $id
                        """;
                    destination.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = FencedCommand(transaction, deliveryId, owner, leaseToken);
                command.CommandText = $"""
                    UPDATE deliveries SET next_attempt_at = $next_attempt_at, lease_owner = NULL, lease_expires_at = NULL
                    WHERE {Fence}
                    """;
                command.Parameters.AddWithValue("$next_attempt_at", UnixTime.ToMilliseconds(nextAttemptAt));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DeliveryRecord?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(
            $"SELECT {DeliveryRows.Columns} FROM deliveries WHERE id = $id", [("$id", id)], DeliveryRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string destinationId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.QueryAsync(
            $"""
            SELECT {DeliveryRows.Columns} FROM deliveries
            WHERE destination_id = $destination_id
            ORDER BY created_at DESC, id DESC
            LIMIT $limit
            """,
            [("$destination_id", destinationId), ("$limit", limit)],
            DeliveryRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryAttemptRecord>> ListAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return _database.QueryAsync(
            $"SELECT {DeliveryAttemptRows.Columns} FROM delivery_attempts WHERE delivery_id = $delivery_id ORDER BY attempt",
            [("$delivery_id", deliveryId)],
            DeliveryAttemptRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ReplayAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return Signalled(StoreSignalKinds.Deliveries, await _database.WriteAsync(
            transaction =>
            {
                // The id and the attempt count carry on; the retry budget starts again.
                using var command = Command(transaction, [("$id", deliveryId), ("$now", UnixTime.ToMilliseconds(now))]);
                command.CommandText = """
                    UPDATE deliveries SET
                        status = 'pending', next_attempt_at = $now, retries = 0, completed_at = NULL,
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = $id AND status IN ('success', 'failed')
                    """;
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    private bool Signalled(string kind, bool changed)
    {
        if (changed)
        {
            _signals?.Publish(kind);
        }

        return changed;
    }

    private static SqliteCommand FencedCommand(SqliteTransaction transaction, string deliveryId, string owner, long leaseToken) =>
        Command(transaction, [("$id", deliveryId), ("$owner", owner), ("$lease_token", leaseToken)]);

    private static SqliteCommand Command(SqliteTransaction transaction, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        Bind(command, parameters);
        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
