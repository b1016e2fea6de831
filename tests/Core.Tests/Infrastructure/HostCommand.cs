using System.Diagnostics;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Runs a verb of the real host executable (<c>Webhooks.Modular.Host &lt;verb&gt; ... --config X</c>) to completion.</summary>
public static class HostCommand
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string configPath, params string[] arguments) =>
        RunAsync(configPath, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the verb with extra environment variables (such as a password a verb reads by variable name).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string configPath, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(RepoPaths.HostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Runs the host with exactly <paramref name="arguments"/> (no <c>--config</c> added, so its place can be tested) in
    /// <paramref name="workingDirectory"/>, with output redirected; kills it if it has not exited within the time-out
    /// (a host that started serving instead of answering) and fails.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunExactlyAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(RepoPaths.HostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"'{string.Join(' ', arguments)}' did not exit within {timeout} (it serves?); output: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
