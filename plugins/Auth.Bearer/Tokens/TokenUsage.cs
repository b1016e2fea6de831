using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Bearer.Tokens;

/// <summary>
/// Records <c>lastUsedAt</c> at most once a minute per token, off the request path: a busy token must not
/// turn every request into an extra write.
/// </summary>
internal sealed class TokenUsage(IAuthTokenStore store, TimeProvider clock)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);

    public void Record(AuthTokenRecord token)
    {
        var now = clock.GetUtcNow();
        var last = _recorded.GetValueOrDefault(token.Id, token.LastUsedAt ?? DateTimeOffset.MinValue);
        if (now - last < Resolution || !_recorded.TryUpdate(token.Id, now, last) && !_recorded.TryAdd(token.Id, now))
        {
            return;
        }

        // Best effort: losing one lastUsedAt update is better than failing or slowing the request.
        _ = store.TouchTokenAsync(token.Id, now, CancellationToken.None).ContinueWith(
            t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
