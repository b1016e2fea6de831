using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// A server the benchmark starts as a process of its own on a loopback port (the bare Kestrel app, the Node peer,
/// the built host), so that each is measured as deployed and its memory is its own: RSS and CPU time are read from
/// <c>/proc</c> while it runs.
/// </summary>
internal sealed class ServedProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServedProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the report calls it.</summary>
    public string Name { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The first lines it wrote (at most ten).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <paramref name="start"/> (whose arguments already name <paramref name="port"/>) and waits until the port accepts connections.</summary>
    /// <param name="name">What the report calls it.</param>
    /// <param name="start">The process; output is redirected here.</param>
    /// <param name="port">The port it will listen on.</param>
    /// <param name="cancellationToken">Stops waiting; the process is then killed.</param>
    public static async Task<ServedProcess> StartAsync(string name, ProcessStartInfo start, int port, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var served = new ServedProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"), port);
        try
        {
            await served.WaitUntilListeningAsync(cancellationToken);
            return served;
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
    }

    /// <summary>A free loopback port (closed again before the server binds it; a race the server's failure to start would show).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Resident memory now, in bytes (<c>VmRSS</c>).</summary>
    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>The most resident memory it has had, in bytes (<c>VmHWM</c>).</summary>
    public long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>CPU time used so far (user and system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Stops it with SIGTERM (a host then closes its store cleanly) and waits; kills it after 30 s.</summary>
    /// <returns>The exit code, or -1 when it had to be killed.</returns>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                return -1;
            }
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting: {string.Join(" | ", Lines)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"{Name} did not listen on {Port} within {StartTimeout.TotalSeconds} s: {string.Join(" | ", Lines)}");
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lock (_lines)
        {
            if (_lines.Count < 10)
            {
                _lines.Add(line);
            }
        }
    }
}
