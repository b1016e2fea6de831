using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// The built host executable (<c>src/Host/bin/&lt;configuration&gt;/net10.0/Webhooks.Modular.Host.dll</c>) as a process
/// of its own, on a free loopback port, as an operator starts it: <c>dotnet Webhooks.Modular.Host.dll --config F
/// --urls U</c>. Used where one process cannot stand for the deployment: several hosts on one database.
/// </summary>
internal sealed class HostProcessTarget : IAsyncDisposable
{
    private const int MaxKeptLines = 10;

    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _firstLines = [];
    private long _lines;

    private HostProcessTarget(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the host listens.</summary>
    public Uri Address { get; }

    /// <summary>The host's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>How many lines the host wrote (it logs at Warning: none expected).</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>The first few lines the host wrote.</summary>
    public IReadOnlyList<string> FirstLines
    {
        get
        {
            lock (_firstLines)
            {
                return [.. _firstLines];
            }
        }
    }

    /// <summary>The host as built beside the benchmark, in the benchmark's own configuration.</summary>
    /// <param name="repositoryRoot">The folder holding <c>Webhooks.Modular.sln</c>.</param>
    public static string BuiltHostPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "Host", "bin", Configuration, "net10.0", "Webhooks.Modular.Host.dll");

    /// <summary>Starts the host and waits until it answers HTTP.</summary>
    /// <param name="hostPath">The host's dll.</param>
    /// <param name="configPath">The deployment file; the process runs in its folder.</param>
    /// <param name="environment">Variables to set for the process (the database's connection string).</param>
    /// <param name="cancellationToken">Stops waiting; the process is then killed.</param>
    public static async Task<HostProcessTarget> StartAsync(
        string hostPath, string configPath, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = StartInfo(hostPath, configPath, environment, ["--config", configPath, "--urls", address.ToString().TrimEnd('/'), .. QuietLogging.Arguments]);
        var target = new HostProcessTarget(Process.Start(start) ?? throw new InvalidOperationException($"could not start {hostPath}"), address);
        try
        {
            await target.WaitUntilReadyAsync(cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one of the host's command-line verbs (<c>destination create ...</c>) against the deployment, and waits for it.</summary>
    /// <param name="hostPath">The host's dll.</param>
    /// <param name="configPath">The deployment file.</param>
    /// <param name="environment">Variables to set for the process.</param>
    /// <param name="command">The verb and its arguments.</param>
    /// <param name="cancellationToken">Stops waiting; the process is then killed.</param>
    /// <exception cref="InvalidOperationException">The command exited with an error; the message holds what it wrote.</exception>
    public static async Task RunCommandAsync(
        string hostPath, string configPath, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        // The verb comes first: the host treats a first argument that is not an option as a command.
        using var process = Process.Start(StartInfo(hostPath, configPath, environment, [.. command, "--config", configPath]))
            ?? throw new InvalidOperationException($"could not start {hostPath}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // The output is not shown on success: "destination create" prints the signing secret.
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command[0]} {command[1]}' exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>
    /// Stops the host as an operator or a service manager would (SIGTERM), so that it finishes and records the
    /// attempts in flight, and waits for it to exit; kills it if it has not within 30 s.
    /// </summary>
    /// <returns>The exit code (0 for a clean stop).</returns>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
                    ?? throw new InvalidOperationException("could not run kill");
                await kill.WaitForExitAsync();
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

        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Kills the host if it still runs (an aborted scenario); a scenario that ends normally calls <see cref="StopAsync"/> first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string hostPath, string configPath, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        if (!File.Exists(hostPath))
        {
            throw new InvalidOperationException($"the host is not built at {hostPath}: build src/Host in the benchmark's configuration");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!,
        };
        start.ArgumentList.Add(hostPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static int FreePort()
    {
        // Closed again before the host binds it: another process could take it in between, which the host's
        // failure to start would then say.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"the host on {Address} exited with {_process.ExitCode} while starting: {string.Join(Environment.NewLine, FirstLines)}");
            }

            try
            {
                // Any HTTP answer means Kestrel listens and the pipeline is mapped (the plugins started before it).
                using var response = await client.GetAsync("/runs/ready-probe", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The 5 s client timeout while the host is still starting: try again.
            }
        }

        throw new TimeoutException($"the host on {Address} did not answer within {StartTimeout.TotalSeconds} s: {string.Join(Environment.NewLine, FirstLines)}");
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_firstLines)
        {
            if (_firstLines.Count < MaxKeptLines)
            {
                _firstLines.Add(line);
            }
        }
    }
}
