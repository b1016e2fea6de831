using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Queries;

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
            var name = Bind(value);
            _clauses.Add($"{column} = {name}");
        }

        return this;
    }

    /// <summary>The time window: from inclusive, to exclusive.</summary>
    public SqlFilter Between(string column, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start)
        {
            _clauses.Add($"{column} >= {Bind(UnixTime.ToMilliseconds(start))}");
        }

        if (to is { } end)
        {
            _clauses.Add($"{column} < {Bind(UnixTime.ToMilliseconds(end))}");
        }

        return this;
    }

    /// <summary>Rows strictly after the previous page's last row in (time DESC, id DESC) order.</summary>
    public SqlFilter After(string timeColumn, string idColumn, PageKey? key)
    {
        if (key is not null)
        {
            var at = Bind(UnixTime.ToMilliseconds(key.At));
            var id = Bind(key.Id);
            _clauses.Add($"({timeColumn} < {at} OR ({timeColumn} = {at} AND {idColumn} < {id}))");
        }

        return this;
    }

    /// <summary>The page size as a parameter; returns its name.</summary>
    public string Limit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Bind(limit);
    }

    /// <summary><c>WHERE ...</c>, or nothing when no filter was given.</summary>
    public string Where() => _clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", _clauses);

    private string Bind(object value)
    {
        var name = "$p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }
}
