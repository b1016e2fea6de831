namespace Webhooks.Modular.Surfaces.Danube.Events;

/// <summary>The event types a deployment offers (the <c>events</c> setting): subscriptions and published events must name one.</summary>
internal sealed class EventCatalog
{
    private readonly HashSet<string> _types;

    /// <summary>Creates the catalogue; the types are checked by <see cref="Configuration.DanubeOptions"/>.</summary>
    /// <param name="types">The event types, in the order they are listed to people.</param>
    public EventCatalog(IReadOnlyList<string> types)
    {
        All = types;
        _types = new HashSet<string>(types, StringComparer.Ordinal);
    }

    /// <summary>Every event type, as configured.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>Whether <paramref name="type"/> is in the catalogue (exactly: types are case-sensitive).</summary>
    /// <param name="type">An event type.</param>
    public bool Contains(string type) => _types.Contains(type);

    /// <summary>The catalogue as one line, for error messages.</summary>
    public string Listed => string.Join(", ", All);
}
