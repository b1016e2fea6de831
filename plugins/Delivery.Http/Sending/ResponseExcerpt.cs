using System.Text;

namespace Webhooks.Modular.Delivery.Http.Sending;

/// <summary>
/// Reads at most a fixed number of bytes of a response body, never the rest, and decodes them as UTF-8 with
/// invalid bytes replaced (a character cut by the limit is dropped rather than garbled).
/// </summary>
internal static class ResponseExcerpt
{
    /// <summary>
    /// The excerpt, or <c>null</c> when the body is empty. A body that breaks off or runs past the attempt's
    /// deadline yields what arrived: the status has already been decided.
    /// </summary>
    /// <param name="content">The response content.</param>
    /// <param name="maxBytes">How many bytes to keep at most.</param>
    /// <param name="deadline">The attempt's deadline (and the caller's cancellation).</param>
    /// <param name="cancellationToken">The caller's cancellation, which propagates.</param>
    public static async Task<string?> ReadAsync(HttpContent content, int maxBytes, CancellationToken deadline, CancellationToken cancellationToken)
    {
        if (maxBytes <= 0)
        {
            return null;
        }

        var buffer = new byte[maxBytes];
        var read = 0;
        var ended = false;
        try
        {
            var stream = await content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (read < maxBytes)
                {
                    var count = await stream.ReadAsync(buffer.AsMemory(read), deadline).ConfigureAwait(false);
                    if (count == 0)
                    {
                        ended = true;
                        break;
                    }

                    read += count;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The answer broke off or the deadline passed while it trickled in: keep what arrived.
        }

        return read == 0 ? null : Decode(buffer.AsSpan(0, read), complete: ended);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, bool complete)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
        var chars = new char[decoder.GetCharCount(bytes, flush: complete)];
        var count = decoder.GetChars(bytes, chars, flush: complete);
        return new string(chars, 0, count);
    }
}
