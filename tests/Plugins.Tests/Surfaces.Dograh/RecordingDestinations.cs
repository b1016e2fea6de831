using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>The engine's destination manager, as far as a surface that declares destinations uses it.</summary>
internal sealed class RecordingDestinations : IDestinationManager
{
    public Dictionary<string, DestinationRecord> Stored { get; } = new(StringComparer.Ordinal);

    public List<DestinationSpec> Declared { get; } = [];

    /// <summary>Makes <see cref="DeclareAsync"/> refuse, as the engine does for a field it does not accept.</summary>
    public Func<DestinationSpec, ArgumentException?> Refuse { get; set; } = _ => null;

    public Task<DestinationRecord> DeclareAsync(DestinationSpec spec, CancellationToken cancellationToken)
    {
        if (Refuse(spec) is { } refusal)
        {
            throw refusal;
        }

        Declared.Add(spec);
        var record = StoredDestinations.From(spec);
        Stored[record.Id] = record;
        return Task.FromResult(record);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Stored.Remove(id));

    public Task<IReadOnlyList<DestinationRecord>> ListAsync(string? owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DestinationRecord>>(Stored.Values.Where(d => owner is null || d.Owner == owner).ToArray());

    public Task<DestinationRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.GetValueOrDefault(id));

    public Task<CreatedDestination> CreateAsync(DestinationSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DestinationRecord?> UpdateAsync(
        string id, string? url, IReadOnlyList<string>? eventTypes, string? description, bool? isActive, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<string?> RotateSecretAsync(string id, TimeSpan grace, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string id, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReplayAsync(string deliveryId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
