using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// The one place destinations change: fields validated, secrets generated and encrypted before they are stored,
/// the catalog reloaded before the call returns (so the next event sees the change), the worker woken when
/// deliveries may resume.
/// </summary>
internal sealed class DestinationManager(
    IDeliveryStore? store,
    DestinationCatalog catalog,
    DeliveryPlanner planner,
    IEnumerable<IOutboundDelivery> channels,
    ISecretProtector protector,
    CircuitBreaker breaker,
    DeliverySignal signal,
    TimeProvider clock) : IDestinationManager
{
    private readonly string[] _channels = channels.Select(c => c.Type).ToArray();

    private IDeliveryStore Store => store ?? throw new InvalidOperationException("the deployed storage plugin does not store destinations");

    public async Task<CreatedDestination> CreateAsync(DestinationSpec spec, CancellationToken cancellationToken)
    {
        Validate(spec);
        var secret = SecretGenerator.For(spec.Signing);
        var now = clock.GetUtcNow();
        var record = new DestinationRecord(
            spec.Id ?? Guid.NewGuid().ToString(),
            spec.Owner,
            spec.Url,
            spec.Method,
            DestinationValidation.EventTypes(spec.EventTypes),
            spec.HookName,
            spec.Description,
            spec.IsActive,
            null,
            spec.Channel,
            spec.Format,
            spec.Signing,
            secret is null ? [] : [new DestinationSecret(protector.Protect(secret), null)],
            spec.Headers,
            spec.CredentialId,
            spec.Template,
            spec.Retry,
            now,
            now,
            null);
        if (!await Store.CreateDestinationAsync(record, cancellationToken))
        {
            throw new ArgumentException($"a destination with id '{record.Id}' already exists", "id");
        }

        await catalog.ReloadAsync(CancellationToken.None);
        return new CreatedDestination(record, secret);
    }

    public async Task<DestinationRecord> DeclareAsync(DestinationSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Id is null)
        {
            throw new ArgumentException("a declared destination needs an id", "id");
        }

        var existing = await Store.GetDestinationAsync(spec.Id, cancellationToken);
        if (existing is null)
        {
            return (await CreateAsync(spec, cancellationToken)).Destination;
        }

        Validate(spec);
        // A destination disabled for failing stays disabled until someone enables it; one disabled in the configuration is off.
        var keepDisabled = !existing.IsActive && existing.DisabledReason is not null;
        var updated = existing with
        {
            Owner = spec.Owner,
            Url = spec.Url,
            Method = spec.Method,
            EventTypes = DestinationValidation.EventTypes(spec.EventTypes),
            HookName = spec.HookName,
            Description = spec.Description,
            IsActive = spec.IsActive && !keepDisabled,
            DisabledReason = spec.IsActive ? existing.DisabledReason : null,
            Channel = spec.Channel,
            Format = spec.Format,
            Signing = spec.Signing,
            Secrets = existing.Signing == spec.Signing ? existing.Secrets : FreshSecrets(spec.Signing),
            Headers = spec.Headers,
            CredentialId = spec.CredentialId,
            Template = spec.Template,
            Retry = spec.Retry,
            UpdatedAt = clock.GetUtcNow(),
        };
        await Store.UpdateDestinationAsync(updated, cancellationToken);
        await catalog.ReloadAsync(CancellationToken.None);
        return updated;
    }

    public async Task<DestinationRecord?> UpdateAsync(
        string id, string? url, IReadOnlyList<string>? eventTypes, string? description, bool? isActive, CancellationToken cancellationToken)
    {
        var existing = await Store.GetDestinationAsync(id, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var enabling = isActive == true && !existing.IsActive;
        var updated = existing with
        {
            Url = url is null ? existing.Url : DestinationValidation.Url(url),
            EventTypes = eventTypes is null ? existing.EventTypes : DestinationValidation.EventTypes(eventTypes),
            Description = description is null ? existing.Description : DestinationValidation.Description(description),
            IsActive = isActive ?? existing.IsActive,
            DisabledReason = isActive is null ? existing.DisabledReason : isActive.Value ? null : "disabled by hand",
            // Re-enabled: its failures so far no longer count towards disabling it again.
            FailingSince = enabling ? null : existing.FailingSince,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (!await Store.UpdateDestinationAsync(updated, cancellationToken))
        {
            return null;
        }

        await catalog.ReloadAsync(CancellationToken.None);
        if (enabling)
        {
            breaker.Reset(id);
            signal.Notify(); // Its pending deliveries resume.
        }

        return updated;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await Store.DeleteDestinationAsync(id, cancellationToken);
        await catalog.ReloadAsync(CancellationToken.None);
        return deleted;
    }

    public Task<DestinationRecord?> GetAsync(string id, CancellationToken cancellationToken) => Store.GetDestinationAsync(id, cancellationToken);

    public Task<IReadOnlyList<DestinationRecord>> ListAsync(string? owner, CancellationToken cancellationToken) =>
        Store.ListDestinationsAsync(owner, cancellationToken);

    public async Task<string?> RotateSecretAsync(string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        var existing = await Store.GetDestinationAsync(id, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var secret = SecretGenerator.For(existing.Signing)
            ?? throw new ArgumentException($"destination '{id}' does not sign its deliveries, so it has no secret to rotate", "id");
        var now = clock.GetUtcNow();
        var previous = existing.Secrets
            .Select(s => s.ExpiresAt is null ? s with { ExpiresAt = now + grace } : s)
            .Where(s => s.ExpiresAt > now);
        var updated = existing with
        {
            Secrets = [new DestinationSecret(protector.Protect(secret), null), .. previous],
            UpdatedAt = now,
        };
        return await Store.UpdateDestinationAsync(updated, cancellationToken) ? secret : null;
    }

    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string id, int limit, CancellationToken cancellationToken) =>
        Store.ListDeliveriesAsync(id, limit, cancellationToken);

    public async Task<bool> ReplayAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var replayed = await Store.ReplayAsync(deliveryId, clock.GetUtcNow(), cancellationToken);
        if (replayed)
        {
            signal.Notify();
        }

        return replayed;
    }

    private DestinationSecret[] FreshSecrets(string signing) =>
        SecretGenerator.For(signing) is { } secret ? [new DestinationSecret(protector.Protect(secret), null)] : [];

    private void Validate(DestinationSpec spec)
    {
        DestinationValidation.Spec(spec);
        if (!_channels.Contains(spec.Channel, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"channel '{spec.Channel}' is not deployed (deployed: {(_channels.Length == 0 ? "none; add the Delivery.Http plugin" : string.Join(", ", _channels))})",
                "channel");
        }

        if (!planner.HasFormat(spec.Format))
        {
            throw new ArgumentException($"payload format '{spec.Format}' is not deployed", "format");
        }
    }
}
