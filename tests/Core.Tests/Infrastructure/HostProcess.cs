using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>The host executable as a separate process, for what only a process can show: exit codes, kill -9.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { lock (_stdout) { _stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_stderr) { _stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Starts the host with the given arguments on a free loopback port, with extra environment variables if given.</summary>
    public static HostProcess Start(
        string configPath, int? port = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(configPath)!,
        };
        start.ArgumentList.Add(RepoPaths.HostDll);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{chosen}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{chosen}"));
    }

    /// <summary>Starts a copy of the host (<c>dotnet &lt;dll&gt;</c>) on a free loopback port, in the configuration's folder.</summary>
    public static HostProcess StartDll(string hostDll, string configPath, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var chosen = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var argument in new[] { hostDll, "--config", configPath, "--urls", $"http://127.0.0.1:{chosen}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{chosen}"));
    }

    /// <summary>Starts a published host executable (no <c>dotnet</c> in front) the way an operator or systemd does.</summary>
    public static HostProcess StartExecutable(string executable, string configPath, string workingDirectory)
    {
        var chosen = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "--config", configPath, "--urls", $"http://127.0.0.1:{chosen}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{chosen}"));
    }

    /// <summary>Waits until the host answers HTTP; throws with its output if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        // Generous: a host process starting on a loaded 2-core machine (a build beside it) has been seen to take ~60 s.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"host exited with {_process.ExitCode}: {StandardError}{StandardOutput}");
            }

            try
            {
                using var response = await Client.GetAsync("/runs/ready-probe");
                return; // Any HTTP answer means Kestrel is listening and the pipeline is mapped.
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("host did not start: " + StandardError + StandardOutput);
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power or the OOM killer strikes.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
