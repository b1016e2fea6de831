using System.Diagnostics;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> command line (pack, new, test, publish) as a user would, and fails with its output.</summary>
public static class DotnetCli
{
    /// <summary>Runs <c>dotnet &lt;arguments&gt;</c> in <paramref name="workingDirectory"/> and returns its output; fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's own MSBuild variables would point a nested build at the runner's SDK state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
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
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' did not finish within {timeout}: {await output}{await error}");
        }

        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' exited with {process.ExitCode}: {text}");
        }

        return text;
    }
}
