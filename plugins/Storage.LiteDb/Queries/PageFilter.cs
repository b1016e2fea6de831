using System.Globalization;
using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Queries;

/// <summary>
/// The predicates of a filtered, newest-first page over a collection whose <c>order</c> field is
/// <see cref="Documents.OrderKey"/> of (time, id): the time window and the page position become ranges of that one
/// indexed key, so a page walks the order index downwards from where the last one stopped.
/// </summary>
internal sealed class PageFilter
{
    private readonly List<BsonExpression> _predicates = [];

    /// <summary><c>field = value</c> when <paramref name="value"/> is given.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value, or <c>null</c> for no filter.</param>
    public PageFilter Equal(string field, string? value)
    {
        if (value is not null)
        {
            _predicates.Add(Query.EQ(field, value));
        }

        return this;
    }

    /// <summary>The time window: from inclusive, to exclusive.</summary>
    /// <param name="from">The start, or <c>null</c>.</param>
    /// <param name="to">The end, or <c>null</c>.</param>
    public PageFilter Between(DateTimeOffset? from, DateTimeOffset? to)
    {
        // A time alone sorts before every key of that time ("D19" then "|id"), so these bounds are exact.
        if (from is { } start)
        {
            _predicates.Add(Query.GTE("order", TimePrefix(start)));
        }

        if (to is { } end)
        {
            _predicates.Add(Query.LT("order", TimePrefix(end)));
        }

        return this;
    }

    /// <summary>Rows strictly after the previous page's last row in (time DESC, id DESC) order.</summary>
    /// <param name="key">The previous page's last row, or <c>null</c> for the first page.</param>
    public PageFilter After(PageKey? key)
    {
        if (key is not null)
        {
            _predicates.Add(Query.LT("order", Documents.OrderKey(UnixTime.ToMilliseconds(key.At), key.Id)));
        }

        return this;
    }

    /// <summary>The page: the matching documents of <paramref name="collection"/>, newest first, at most <paramref name="limit"/>.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="limit">The page size (1 or more).</param>
    public List<BsonDocument> Page(ILiteCollection<BsonDocument> collection, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = collection.Query();
        foreach (var predicate in _predicates)
        {
            query = query.Where(predicate);
        }

        return query.OrderByDescending("$.order").Limit(limit).ToList();
    }

    private static string TimePrefix(DateTimeOffset time) => UnixTime.ToMilliseconds(time).ToString("D19", CultureInfo.InvariantCulture);
}
