using System.Net.Sockets;
using Npgsql;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// CI's PostgreSQL server as a Unix socket in a temp folder, for processes in a network namespace of their own (the
/// walk-throughs'), which cannot reach the server's TCP port on this host's loopback but share its file system. Each
/// connection to the socket is relayed to the server's TCP port, so the server sees an ordinary loopback client and
/// its password authentication applies.
/// </summary>
public sealed class PostgresSocketRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private PostgresSocketRelay(NpgsqlConnectionStringBuilder server, string folder, Socket listener)
    {
        _server = server;
        Folder = folder;
        _listener = listener;
        _accepting = AcceptAsync();
    }

    /// <summary>The folder holding the socket, <c>.s.PGSQL.{port}</c> as PostgreSQL names it: Npgsql's <c>Host</c>.</summary>
    public string Folder { get; }

    /// <summary>Starts relaying to the server <paramref name="connectionString"/> names.</summary>
    public static PostgresSocketRelay Start(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);

        // Short: a Unix socket's path has at most 107 bytes.
        var folder = Path.Combine(Path.GetTempPath(), $"pgrelay-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(folder);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(folder, $".s.PGSQL.{server.Port}")));
        listener.Listen(64);
        return new PostgresSocketRelay(server, folder, listener);
    }

    /// <summary>A connection string to <paramref name="database"/> through the socket, with the server's user and password.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(_server.ConnectionString)
    {
        Host = Folder,
        Database = database,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_server.Host!, _server.Port, _stop.Token);
                await using var fromClient = new NetworkStream(client, ownsSocket: false);
                await using var toServer = server.GetStream();

                // Either side closing ends the connection, as it would end a direct one.
                await Task.WhenAny(fromClient.CopyToAsync(toServer, _stop.Token), toServer.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection ends; its client sees that, as it would see a server going away.
            }
        }
    }
}
