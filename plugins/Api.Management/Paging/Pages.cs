using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Paging;

/// <summary>Builds a page from one row more than asked for: that row's presence says whether a next page exists.</summary>
internal static class Pages
{
    public static Page<TView> From<TRow, TView>(
        HttpRequest request, IReadOnlyList<TRow> rows, int limit, Func<TRow, PageKey> key, Func<TRow, TView> view)
    {
        if (rows.Count <= limit)
        {
            return new Page<TView>(rows.Select(view).ToList(), null, null);
        }

        var items = rows.Take(limit).ToList();
        var cursor = Cursor.Encode(key(items[^1]));
        return new Page<TView>(items.Select(view).ToList(), NextLink(request, cursor), cursor);
    }

    // The same path and filters, with the new cursor; relative, so it holds behind a proxy that rewrites the host.
    private static string NextLink(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            if (!string.Equals(name, "cursor", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    query.Add(name, value ?? string.Empty);
                }
            }
        }

        query.Add("cursor", cursor);
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
