using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for what HttpClient will not do: send the headers and part of a body, then stall.
/// Also an HttpClient whose connections leave from a chosen loopback address (127.0.0.2 and so on), so that one test
/// can be several clients.
/// </summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line) with a <c>Content-Length</c>
    /// of <paramref name="declaredLength"/>, then only <paramref name="sentBody"/>, and reads the answer until the
    /// server closes the connection or has sent the whole answer.
    /// </summary>
    public static async Task<RawResponse> SendStalledAsync(Uri address, string head, int declaredLength, string sentBody, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cancellation = new CancellationTokenSource(timeout);
        await client.ConnectAsync(address.Host, address.Port, cancellation.Token);
        var stream = client.GetStream();
        var request = $"{head.TrimEnd()}\r\nHost: {address.Authority}\r\nContent-Length: {declaredLength}\r\n\r\n{sentBody}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellation.Token);
        await stream.FlushAsync(cancellation.Token);

        // Then nothing more: the body stalls until the server gives up on it.
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellation.Token);
            }
            catch (IOException) when (received.Length > 0)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (RawResponse.TryParse(received.ToArray(), out var complete))
            {
                return complete;
            }
        }

        return RawResponse.TryParse(received.ToArray(), out var response, connectionClosed: true)
            ? response
            : throw new InvalidOperationException($"no complete HTTP answer; received: {Encoding.ASCII.GetString(received.ToArray())}");
    }

    /// <summary>An HttpClient whose connections are made from <paramref name="localAddress"/> (any of 127.0.0.0/8 on Linux).</summary>
    public static HttpClient ClientFrom(IPAddress localAddress, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
