using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Deliveries;

/// <summary>Destinations, their outbox deliveries and attempts; claims fenced by the lease token.</summary>
internal sealed class LiteDbDeliveryStore(LiteDbDatabase database) : IDeliveryStore
{
    /// <inheritdoc />
    public Task<bool> CreateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        var document = DestinationDocuments.Write(destination);
        return database.WriteAsync(
            db =>
            {
                var destinations = db.GetCollection(Collections.Destinations);
                if (destinations.FindById(document["_id"]) is not null)
                {
                    return false;
                }

                destinations.Insert(document);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken)
    {
        var document = DestinationDocuments.Write(destination);
        return database.WriteAsync(
            db =>
            {
                var destinations = db.GetCollection(Collections.Destinations);
                if (destinations.FindById(document["_id"]) is not { } existing)
                {
                    return false;
                }

                // Its creation time is its own, as in the SQL stores' UPDATE, which leaves created_at alone.
                document["created_at"] = existing["created_at"];
                return destinations.Update(document);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.WriteAsync(
            db =>
            {
                var deliveries = db.GetCollection(Collections.Deliveries);
                var attempts = db.GetCollection(Collections.DeliveryAttempts);
                foreach (var deliveryId in deliveries.Find(Query.EQ("destination_id", id)).Select(d => d["_id"]).ToList())
                {
                    attempts.DeleteMany(Query.EQ("delivery_id", deliveryId));
                    deliveries.Delete(deliveryId);
                }

                return db.GetCollection(Collections.Destinations).Delete(id);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DestinationRecord?> GetDestinationAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.ReadAsync(
            db => db.GetCollection(Collections.Destinations).FindById(id) is { } d ? DestinationDocuments.Read(d) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DestinationRecord>> ListDestinationsAsync(string? owner, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DestinationRecord>>(
            db =>
            {
                var destinations = db.GetCollection(Collections.Destinations);
                var found = owner is null ? destinations.FindAll() : destinations.Find(Query.EQ("owner", owner));
                return found.Select(DestinationDocuments.Read)
                    .OrderBy(d => d.CreatedAt)
                    .ThenBy(d => d.Id, StringComparer.Ordinal)
                    .ToList();
            },
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

        var excluded = excludedDestinations.ToHashSet(StringComparer.Ordinal);
        var nowMilliseconds = UnixTime.ToMilliseconds(now);
        var leaseExpiresAt = nowMilliseconds + UnixTime.ToMilliseconds(leaseDuration);
        return database.WriteAsync<IReadOnlyList<DeliveryRecord>>(
            db =>
            {
                var deliveries = db.GetCollection(Collections.Deliveries);
                var candidates = new List<BsonDocument>();
                foreach (var destination in db.GetCollection(Collections.Destinations).Find(Query.EQ("is_active", true)))
                {
                    var destinationId = destination["_id"].AsString;
                    if (excluded.Contains(destinationId))
                    {
                        continue;
                    }

                    // Due, pending and not leased (or the lease ran out); oldest due first, at most perDestination.
                    candidates.AddRange(deliveries.Find(Query.EQ("destination_id", destinationId))
                        .Where(d => d["status"].AsString == "pending"
                            && d["next_attempt_at"].AsInt64 <= nowMilliseconds
                            && (d["lease_expires_at"].IsNull || d["lease_expires_at"].AsInt64 <= nowMilliseconds))
                        .OrderBy(d => d["next_attempt_at"].AsInt64)
                        .ThenBy(d => d["_id"].AsString, StringComparer.Ordinal)
                        .Take(perDestination));
                }

                var claimed = new List<DeliveryRecord>();
                foreach (var delivery in candidates
                    .OrderBy(d => d["next_attempt_at"].AsInt64)
                    .ThenBy(d => d["_id"].AsString, StringComparer.Ordinal)
                    .Take(max))
                {
                    // Taking over an expired lease counts the attempt its worker may have sent: attempt numbers must not repeat.
                    if (!delivery["lease_owner"].IsNull)
                    {
                        delivery["attempts"] = delivery["attempts"].AsInt32 + 1;
                    }

                    delivery["lease_owner"] = owner;
                    delivery["lease_expires_at"] = leaseExpiresAt;
                    delivery["lease_token"] = delivery["lease_token"].AsInt64 + 1;
                    deliveries.Update(delivery);
                    claimed.Add(DeliveryDocuments.Read(delivery));
                }

                return claimed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        ArgumentNullException.ThrowIfNull(owner);
        return database.WriteAsync(
            db =>
            {
                var deliveries = db.GetCollection(Collections.Deliveries);
                if (Fenced(deliveries, deliveryId, owner, leaseToken) is not { } delivery)
                {
                    return false;
                }

                delivery["lease_expires_at"] = UnixTime.ToMilliseconds(leaseExpiresAt);
                return deliveries.Update(delivery);
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

        var status = DeliveryDocuments.StatusText(outcome.Status);
        return database.WriteAsync(
            db =>
            {
                var now = database.NowMilliseconds;
                var deliveries = db.GetCollection(Collections.Deliveries);

                // The fence first: when it does not hold, nothing is written.
                if (Fenced(deliveries, deliveryId, owner, leaseToken) is not { } delivery)
                {
                    return false;
                }

                delivery["attempts"] = delivery["attempts"].AsInt32 + 1;
                delivery["retries"] = delivery["retries"].AsInt32 + (outcome.CountsAsRetry ? 1 : 0);
                delivery["status"] = status;
                if (pending)
                {
                    delivery["next_attempt_at"] = UnixTime.ToMilliseconds(outcome.NextAttemptAt!.Value);
                }

                delivery["completed_at"] = pending ? BsonValue.Null : new BsonValue(now);
                delivery["last_status_code"] = Documents.Number(attempt.StatusCode);
                delivery["last_error"] = Documents.Text(attempt.Error);
                delivery["lease_owner"] = BsonValue.Null;
                delivery["lease_expires_at"] = BsonValue.Null;
                deliveries.Update(delivery);

                // The rest shares the transaction: if the insert throws (the attempt recorded already), the writer
                // rolls the delivery's change above back with it.
                db.GetCollection(Collections.DeliveryAttempts).Insert(DeliveryDocuments.WriteAttempt(attempt));

                var destinations = db.GetCollection(Collections.Destinations);
                if (destinations.FindById(delivery["destination_id"]) is { } destination)
                {
                    destination["failing_since"] = Documents.Time(outcome.DestinationFailingSince);
                    if (outcome.DisableDestination is { } reason)
                    {
                        destination["is_active"] = false;
                        destination["disabled_reason"] = reason;
                        destination["updated_at"] = now;
                    }

                    destinations.Update(destination);
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
        return database.WriteAsync(
            db =>
            {
                var deliveries = db.GetCollection(Collections.Deliveries);
                if (Fenced(deliveries, deliveryId, owner, leaseToken) is not { } delivery)
                {
                    return false;
                }

                delivery["next_attempt_at"] = UnixTime.ToMilliseconds(nextAttemptAt);
                delivery["lease_owner"] = BsonValue.Null;
                delivery["lease_expires_at"] = BsonValue.Null;
                return deliveries.Update(delivery);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<DeliveryRecord?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.ReadAsync(
            db => db.GetCollection(Collections.Deliveries).FindById(id) is { } d ? DeliveryDocuments.Read(d) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string destinationId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destinationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.ReadAsync<IReadOnlyList<DeliveryRecord>>(
            db => db.GetCollection(Collections.Deliveries).Find(Query.EQ("destination_id", destinationId))
                .Select(DeliveryDocuments.Read)
                .OrderByDescending(d => d.CreatedAt)
                .ThenByDescending(d => d.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryAttemptRecord>> ListAttemptsAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return database.ReadAsync<IReadOnlyList<DeliveryAttemptRecord>>(
            db => db.GetCollection(Collections.DeliveryAttempts).Find(Query.EQ("delivery_id", deliveryId))
                .Select(DeliveryDocuments.ReadAttempt)
                .OrderBy(a => a.Attempt)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReplayAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        var nowMilliseconds = UnixTime.ToMilliseconds(now);
        return database.WriteAsync(
            db =>
            {
                var deliveries = db.GetCollection(Collections.Deliveries);
                if (deliveries.FindById(deliveryId) is not { } delivery || delivery["status"].AsString == "pending")
                {
                    return false;
                }

                // The id and the attempt count carry on; the retry budget starts again.
                delivery["status"] = "pending";
                delivery["next_attempt_at"] = nowMilliseconds;
                delivery["retries"] = 0;
                delivery["completed_at"] = BsonValue.Null;
                delivery["lease_owner"] = BsonValue.Null;
                delivery["lease_expires_at"] = BsonValue.Null;
                return deliveries.Update(delivery);
            },
            cancellationToken);
    }

    // The fence: a worker whose lease expired and whose delivery was claimed again holds an older token, so its late
    // write matches nothing, even under the same owner name.
    private static BsonDocument? Fenced(ILiteCollection<BsonDocument> deliveries, string deliveryId, string owner, long leaseToken) =>
        deliveries.FindById(deliveryId) is { } delivery
            && delivery["status"].AsString == "pending"
            && delivery["lease_token"].AsInt64 == leaseToken
            && Documents.OptionalText(delivery, "lease_owner") == owner
            ? delivery
            : null;
}
