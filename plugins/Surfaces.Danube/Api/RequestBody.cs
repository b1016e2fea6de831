using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>Reads a request body up to a limit, without trusting <c>Content-Length</c> (a chunked body has none).</summary>
internal static class RequestBody
{
    /// <summary>The body, or <c>null</c> when it is larger than <paramref name="limit"/> bytes (answer 413).</summary>
    /// <param name="request">The request.</param>
    /// <param name="limit">The largest body taken.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > limit)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
