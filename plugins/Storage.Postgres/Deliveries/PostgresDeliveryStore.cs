using Npgsql;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Deliveries;

/// <summary>
/// Destinations, deliveries and attempts, shared by every host. Deliveries are inserted with their event (see
/// <see cref="Events.AcceptedWebhookWriter"/>); here they are claimed with <c>FOR UPDATE SKIP LOCKED</c>, fenced by
/// their lease token, and finished. Changes other hosts must hear of send a notification in their transaction.
/// </summary>
internal sealed class PostgresDeliveryStore : IDeliveryStore
{
    // The fence: a worker whose lease expired and whose delivery was claimed again holds an older token, so its
    // late write matches no row, even under the same owner name.
    private const string Fence = "id = @id AND lease_owner = @owner AND lease_token = @lease_token AND status = 'pending'";

    private readonly PostgresDatabase _database;
    private readonly string _create;
    private readonly string _update;
    private readonly string _deleteDeliveries;
    private readonly string _deleteDestination;
    private readonly string _getDestination;
    private readonly string _listDestinations;
    private readonly string _listDestinationsOfOwner;
    private readonly string _claim;
    private readonly string _renew;
    private readonly string _record;
    private readonly string _recordAndDisable;
    private readonly string _release;
    private readonly string _getDelivery;
    private readonly string _listDeliveries;
    private readonly string _listAttempts;
    private readonly string _replay;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresDeliveryStore(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        var destinationsChanged = database.Notify(StoreSignalKinds.Destinations);
        var deliveriesDue = database.Notify(StoreSignalKinds.Deliveries);

        // Each write that other hosts must hear of selects its notification from the rows it changed: no row, no
        // notification. One statement is one transaction, and the notification goes out when it commits.
        _create = $"""
            WITH created AS (
                INSERT INTO {s}.destinations ({DestinationRows.Columns})
                VALUES ({DestinationRows.Values})
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            SELECT {destinationsChanged} FROM created
            """;

        // A destination enabled again may have deliveries waiting: wake the workers too.
        _update = $"""
            WITH changed AS (
                UPDATE {s}.destinations SET
                    owner = @owner, url = @url, method = @method, event_types = @event_types, hook_name = @hook_name::text,
                    description = @description::text, is_active = @is_active, disabled_reason = @disabled_reason::text,
                    channel = @channel, format = @format, signing = @signing, secrets = @secrets::jsonb,
                    headers = @headers::jsonb, credential_id = @credential_id::text, template = @template::text,
                    retry = @retry::jsonb, updated_at = @updated_at, failing_since = @failing_since::timestamptz
                WHERE id = @id
                RETURNING is_active)
            SELECT {destinationsChanged}, CASE WHEN is_active THEN {deliveriesDue} END FROM changed
            """;

        // Deliveries first (their attempts cascade), then the destination: the same order in which recording an
        // attempt locks them, so the two cannot deadlock. A delivery committed in between (its accept held the
        // destination's key-share lock, which the deletion waits for) goes with the destination's cascade.
        _deleteDeliveries = $"DELETE FROM {s}.deliveries WHERE destination_id = @id";
        _deleteDestination = $"""
            WITH deleted AS (DELETE FROM {s}.destinations WHERE id = @id RETURNING id)
            SELECT {destinationsChanged} FROM deleted
            """;
        _getDestination = $"SELECT {DestinationRows.Columns} FROM {s}.destinations WHERE id = @id";
        _listDestinations = $"SELECT {DestinationRows.Columns} FROM {s}.destinations ORDER BY created_at, id";
        _listDestinationsOfOwner = $"SELECT {DestinationRows.Columns} FROM {s}.destinations WHERE owner = @owner ORDER BY created_at, id";

        // The claim. For each active destination not excluded, a LATERAL subquery seeks its oldest due, unleased
        // pending deliveries in deliveries_pending, locks them skipping any another host holds, and stops after
        // @per_destination; only those candidates (destinations × per-destination at most) are sorted for the
        // overall @max. So a claim never walks finished deliveries, nor a backlog of one destination past its first
        // rows, and two hosts claiming at once take different deliveries without waiting for each other. A lease
        // still set when its delivery is claimed again expired unrecorded (its worker stopped mid-attempt, after the
        // request may have gone out): that attempt is counted, so the next one does not repeat its number.
        _claim = $"""
            UPDATE {s}.deliveries AS d SET
                lease_owner = @owner, lease_expires_at = @lease_expires_at, lease_token = d.lease_token + 1,
                attempts = d.attempts + CASE WHEN d.lease_owner IS NULL THEN 0 ELSE 1 END
            FROM (
                SELECT c.id
                FROM {s}.destinations AS dest
                CROSS JOIN LATERAL (
                    SELECT p.id, p.next_attempt_at FROM {s}.deliveries AS p
                    WHERE p.destination_id = dest.id AND p.status = 'pending' AND p.next_attempt_at <= @now
                        AND (p.lease_expires_at IS NULL OR p.lease_expires_at <= @now)
                    ORDER BY p.next_attempt_at, p.id
                    LIMIT @per_destination
                    FOR UPDATE SKIP LOCKED) AS c
                WHERE dest.is_active AND dest.id <> ALL (@excluded::text[])
                ORDER BY c.next_attempt_at, c.id
                LIMIT @max) AS picked
            WHERE d.id = picked.id
            RETURNING {SqlColumns.Qualify("d", DeliveryRows.Columns)}
            """;
        _renew = $"UPDATE {s}.deliveries SET lease_expires_at = @lease_expires_at WHERE {Fence}";

        // One statement: the fenced update, the attempt and the destination's change. When the fence matches
        // nothing, the other two have no row to work from and write nothing. The destination is only written when
        // something changes, so that a run of successes does not make its row a point every host waits on.
        var record = $"""
            WITH d AS (
                UPDATE {s}.deliveries SET
                    attempts = attempts + 1,
                    retries = retries + @retry_increment,
                    status = @status,
                    next_attempt_at = COALESCE(@next_attempt_at::timestamptz, next_attempt_at),
                    completed_at = @completed_at::timestamptz,
                    last_status_code = @status_code::integer,
                    last_error = @error::text,
                    lease_owner = NULL,
                    lease_expires_at = NULL
                WHERE {Fence}
                RETURNING destination_id),
            attempt AS (
                INSERT INTO {s}.delivery_attempts ({DeliveryAttemptRows.Columns})
                SELECT @id, @attempt, @started_at, @duration_ms, @status_code::integer, @response_excerpt::text, @error::text FROM d),
            destination AS (
                UPDATE {s}.destinations AS t SET
                    failing_since = @failing_since::timestamptz,
                    is_active = CASE WHEN @disable::text IS NULL THEN t.is_active ELSE false END,
                    disabled_reason = COALESCE(@disable::text, t.disabled_reason),
                    updated_at = CASE WHEN @disable::text IS NULL THEN t.updated_at ELSE @now END
                FROM d
                WHERE t.id = d.destination_id
                    AND (t.failing_since IS DISTINCT FROM @failing_since::timestamptz OR @disable::text IS NOT NULL))
            SELECT d.destination_id
            """;
        _record = record + " FROM d";
        _recordAndDisable = record + $", {destinationsChanged} FROM d";
        _release = $"""
            UPDATE {s}.deliveries SET next_attempt_at = @next_attempt_at, lease_owner = NULL, lease_expires_at = NULL
            WHERE {Fence}
            """;
        _getDelivery = $"SELECT {DeliveryRows.Columns} FROM {s}.deliveries WHERE id = @id";
        _listDeliveries = $"""
            SELECT {DeliveryRows.Columns} FROM {s}.deliveries
            WHERE destination_id = @destination_id
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """;
        _listAttempts = $"SELECT {DeliveryAttemptRows.Columns} FROM {s}.delivery_attempts WHERE delivery_id = @delivery_id ORDER BY attempt";

        // The id and the attempt count carry on; the retry budget starts again.
        _replay = $"""
            WITH replayed AS (
                UPDATE {s}.deliveries SET
                    status = 'pending', next_attempt_at = @now, retries = 0, completed_at = NULL,
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND status IN ('success', 'failed')
                RETURNING id)
            SELECT {deliveriesDue} FROM replayed
            """;
    }

    /// <summary>The claim statement, for tests that look at its plan.</summary>
    internal string ClaimSql => _claim;

    /// <inheritdoc />
    public async Task<bool> CreateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        var parameters = DestinationRows.Parameters(destination);
        return (await _database.QueryAsync(_create, parameters, Row, cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        // created_at is the one column an update leaves as it was.
        var parameters = DestinationRows.Parameters(destination).Where(p => p.Name != "created_at").ToArray();
        return (await _database.QueryAsync(_update, parameters, Row, cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    /// <inheritdoc />
    public Task<bool> DeleteDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var deliveries = new NpgsqlCommand(_deleteDeliveries, connection, transaction);
                await using (deliveries.ConfigureAwait(false))
                {
                    deliveries.Parameters.AddWithValue("id", id);
                    await deliveries.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var destination = new NpgsqlCommand(_deleteDestination, connection, transaction);
                await using (destination.ConfigureAwait(false))
                {
                    destination.Parameters.AddWithValue("id", id);
                    var deleted = (await PostgresDatabase.ReadAllAsync(destination, Row, cancellationToken).ConfigureAwait(false)).Count == 1;
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return deleted;
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DestinationRecord?> GetDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(_getDestination, [("id", id)], DestinationRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DestinationRecord>> ListDestinationsAsync(string? owner, CancellationToken cancellationToken) =>
        owner is null
            ? _database.QueryAsync(_listDestinations, [], DestinationRows.Read, cancellationToken)
            : _database.QueryAsync(_listDestinationsOfOwner, [("owner", owner)], DestinationRows.Read, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeliveryRecord>> ClaimDueAsync(
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

        var storedNow = StoredTime.From(now);
        var claimed = await _database.QueryAsync(
            _claim,
            [
                ("owner", owner),
                ("lease_expires_at", storedNow + StoredTime.Duration(leaseDuration)),
                ("now", storedNow),

                // More than @max of one destination could never all be taken; locking them would only hide them from
                // other hosts until this claim commits.
                ("per_destination", Math.Min(perDestination, max)),
                ("max", max),
                ("excluded", excludedDestinations.ToArray()),
            ],
            DeliveryRows.Read,
            cancellationToken).ConfigureAwait(false);

        // RETURNING gives rows in no promised order; workers expect the oldest due first.
        return claimed
            .OrderBy(d => d.NextAttemptAt)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<bool> RenewLeaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        return await _database.ExecuteAsync(
            _renew,
            [("id", deliveryId), ("owner", owner), ("lease_token", leaseToken), ("lease_expires_at", StoredTime.From(leaseExpiresAt))],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAttemptAsync(
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

        var now = _database.Now;
        var rows = await _database.QueryAsync(
            outcome.DisableDestination is null ? _record : _recordAndDisable,
            [
                ("id", deliveryId),
                ("owner", owner),
                ("lease_token", leaseToken),
                ("retry_increment", outcome.CountsAsRetry ? 1 : 0),
                ("status", DeliveryRows.StatusText(outcome.Status)),
                ("next_attempt_at", pending ? StoredTime.From(outcome.NextAttemptAt!.Value) : null),
                ("completed_at", pending ? null : now),
                ("status_code", attempt.StatusCode),
                ("error", attempt.Error),
                ("attempt", attempt.Attempt),
                ("started_at", StoredTime.From(attempt.StartedAt)),
                ("duration_ms", DeliveryAttemptRows.DurationMilliseconds(attempt.Duration)),
                ("response_excerpt", attempt.ResponseExcerpt),
                ("failing_since", StoredTime.From(outcome.DestinationFailingSince)),
                ("disable", outcome.DisableDestination),
                ("now", now),
            ],
            Row,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        return await _database.ExecuteAsync(
            _release,
            [("id", deliveryId), ("owner", owner), ("lease_token", leaseToken), ("next_attempt_at", StoredTime.From(nextAttemptAt))],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task<DeliveryRecord?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(_getDelivery, [("id", id)], DeliveryRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string destinationId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.QueryAsync(_listDeliveries, [("destination_id", destinationId), ("limit", limit)], DeliveryRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryAttemptRecord>> ListAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return _database.QueryAsync(_listAttempts, [("delivery_id", deliveryId)], DeliveryAttemptRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ReplayAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        var rows = await _database.QueryAsync(_replay, [("id", deliveryId), ("now", StoredTime.From(now))], Row, cancellationToken).ConfigureAwait(false);
        return rows.Count == 1;
    }

    // Statements whose rows are only counted.
    private static bool Row(NpgsqlDataReader reader) => true;
}
