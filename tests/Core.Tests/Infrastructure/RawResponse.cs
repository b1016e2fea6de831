using System.Text;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>An HTTP/1.1 answer read off a socket: status, headers (names lower-cased) and body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Parses a complete answer (headers and a body of its <c>Content-Length</c>, or chunked up to the last chunk).</summary>
    /// <param name="bytes">What was received.</param>
    /// <param name="response">The answer.</param>
    /// <param name="connectionClosed">The server closed the connection: a body without a length ends there.</param>
    public static bool TryParse(byte[] bytes, out RawResponse response, bool connectionClosed = false)
    {
        response = null!;
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var rest = text[(end + 4)..];
        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            var length = int.Parse(lengthText, System.Globalization.CultureInfo.InvariantCulture);
            if (Encoding.UTF8.GetByteCount(rest) < length && !connectionClosed)
            {
                return false;
            }

            response = new RawResponse(status, headers, rest);
            return true;
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!rest.Contains("\r\n0\r\n\r\n", StringComparison.Ordinal) && !rest.StartsWith("0\r\n\r\n", StringComparison.Ordinal) && !connectionClosed)
            {
                return false;
            }

            var body = new StringBuilder();
            var position = 0;
            while (position < rest.Length)
            {
                var lineEnd = rest.IndexOf("\r\n", position, StringComparison.Ordinal);
                if (lineEnd < 0)
                {
                    break;
                }

                var size = Convert.ToInt32(rest[position..lineEnd].Split(';')[0], 16);
                if (size == 0)
                {
                    break;
                }

                body.Append(rest, lineEnd + 2, size);
                position = lineEnd + 2 + size + 2;
            }

            response = new RawResponse(status, headers, body.ToString());
            return true;
        }

        if (connectionClosed)
        {
            response = new RawResponse(status, headers, rest);
            return true;
        }

        return false;
    }
}
