using System.Globalization;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Queries;

/// <summary>The WHERE clause of a filtered, newest-first page, built from the filters given and bound by parameter.</summary>
internal sealed class SqlFilter
{
    private readonly List<string> _clauses = [];
    private readonly List<(string Name, object? Value)> _parameters = [];

    /// <summary>The parameters the clauses use.</summary>
    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    /// <summary><c>column = value</c> when <paramref name="value"/> is given.</summary>
    public SqlFilter Equal(string column, object? value)
    {
        if (value is not null)
        {
            _clauses.Add($"{column} = @{Bind(value)}");
        }

        return this;
    }

    /// <summary>The time window: from inclusive, to exclusive.</summary>
    public SqlFilter Between(string column, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start)
        {
            _clauses.Add($"{column} >= @{Bind(StoredTime.From(start))}");
        }

        if (to is { } end)
        {
            _clauses.Add($"{column} < @{Bind(StoredTime.From(end))}");
        }

        return this;
    }

    /// <summary>Rows strictly after the previous page's last row in (time DESC, id DESC) order.</summary>
    public SqlFilter After(string timeColumn, string idColumn, DateTimeOffset? at, object? id)
    {
        if (at is { } time && id is not null)
        {
            // A row comparison, which PostgreSQL answers from the (time, id) index as one range.
            _clauses.Add($"({timeColumn}, {idColumn}) < (@{Bind(StoredTime.From(time))}, @{Bind(id)})");
        }

        return this;
    }

    /// <summary>The page size as a parameter; returns its reference.</summary>
    public string Limit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return "@" + Bind(limit);
    }

    /// <summary><c>WHERE ...</c>, or nothing when no filter was given.</summary>
    public string Where() => _clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", _clauses);

    private string Bind(object value)
    {
        var name = "p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }
}
