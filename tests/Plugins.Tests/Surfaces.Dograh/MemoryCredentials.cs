using System.Globalization;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>
/// The engine's credential manager as its contract describes it: fields checked per type (an
/// <see cref="ArgumentException"/> naming the field), a masked hint, ids that are UUIDs. Data is kept only to let tests
/// show it never leaves through the API.
/// </summary>
internal sealed class MemoryCredentials : ICredentialManager
{
    private readonly Dictionary<string, (CredentialRecord Record, IReadOnlyDictionary<string, string> Data)> _stored = new(StringComparer.Ordinal);
    private int _sequence;

    /// <summary>Stores a credential as it is, id included (one made before a workflow named it).</summary>
    public void Add(CredentialRecord record) => _stored[record.Id] = (record, new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> DataOf(string id) => _stored[id].Data;

    public Task<CredentialRecord> CreateAsync(string name, string type, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("name is required", nameof(name));
        }

        string[] required = type switch
        {
            CredentialTypes.None => [],
            CredentialTypes.ApiKey => ["api_key"],
            CredentialTypes.BearerToken => ["token"],
            CredentialTypes.BasicAuth => ["username", "password"],
            CredentialTypes.CustomHeader => ["header_name", "header_value"],
            _ => throw new ArgumentException($"type must be one of {string.Join(", ", CredentialTypes.All)}", nameof(type)),
        };
        foreach (var field in required)
        {
            if (!data.TryGetValue(field, out var value) || value.Length == 0)
            {
                throw new ArgumentException($"{field} is required for {type}", field);
            }
        }

        var secret = required.Length == 0 ? string.Empty : data[required[^1]];
        var record = new CredentialRecord(
            Guid.NewGuid().ToString("D"),
            name,
            type,
            "protected",
            secret.Length <= 4 ? "****" : $"…{secret[^3..]}",
            new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero).AddSeconds(Interlocked.Increment(ref _sequence)));
        _stored[record.Id] = (record, new Dictionary<string, string>(data));
        return Task.FromResult(record);
    }

    public Task<CredentialRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_stored.TryGetValue(id, out var stored) ? stored.Record : null);

    public Task<IReadOnlyList<CredentialRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CredentialRecord>>(_stored.Values.Select(s => s.Record).OrderBy(r => r.CreatedAt).ToArray());

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => Task.FromResult(_stored.Remove(id));

    public override string ToString() => _stored.Count.ToString(CultureInfo.InvariantCulture);
}
