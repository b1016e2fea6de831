using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Delivery.Http.Diagnostics;

namespace Webhooks.Modular.Delivery.Http.Network;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the channel. It resolves the host itself, checks every
/// address against the <see cref="AddressPolicy"/>, and opens the socket to an address it has just checked: the
/// handler never resolves the name a second time, so a DNS answer that changes after the check (rebinding)
/// cannot bring a private address in.
/// </summary>
/// <param name="policy">Which addresses may be reached.</param>
/// <param name="resolve">Resolves a host name; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> outside tests.</param>
/// <param name="logger">Where refusals are logged (addresses only, never the URL).</param>
internal sealed class GuardedConnector(AddressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>> resolve, ILogger logger)
{
    /// <summary>Connects to the first permitted address of the request's host that accepts the connection.</summary>
    /// <param name="context">The host and port the handler wants a connection to.</param>
    /// <param name="cancellationToken">The attempt's deadline and the caller's cancellation.</param>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);

        var refusals = new List<string>();
        ExceptionDispatchInfo? lastFailure = null;
        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } refusal)
            {
                Log.AddressRefused(logger, host, refusal);
                refusals.Add(refusal);
                continue;
            }

            // A permitted IPv4-mapped address was judged by its IPv4 part: connect to exactly that.
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ExceptionDispatchInfo.Capture(ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        lastFailure?.Throw();
        throw refusals.Count > 0
            ? new AddressRefusedException(string.Join("; ", refusals))
            : new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // The handler gives IPv6 literals in brackets, with a zone index still percent-encoded.
        var literal = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? Uri.UnescapeDataString(host[1..^1]) : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return [address];
        }

        return await resolve(host, cancellationToken).ConfigureAwait(false);
    }
}
