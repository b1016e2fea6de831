using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>
/// Runs a README's walk-through with bash, as a reader would paste it, from the root of a copy of the repository: the
/// sources and build outputs are linked (so <c>dotnet run --no-build --project src/Host</c> uses the tests' build), the
/// deployment files are copied (so the walk-through's data lands in a temp folder). It runs in its own network and
/// process namespaces (<c>unshare</c>): the README's fixed ports (8080, 9000) are its own, and every process it
/// leaves running (the host started with <c>&amp;</c>, a receiver) ends with it.
/// </summary>
internal static partial class WalkthroughRunner
{
    /// <summary>Why walk-throughs cannot run here, or null when they can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Runs the README's walk-through; <paramref name="environment"/> is added to the shell's (such as a database to use).</summary>
    public static async Task<WalkthroughResult> RunAsync(string readme, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        await RunMarkdownAsync(readme, await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, readme)), timeout, environment);

    /// <summary>Runs the walk-through <paramref name="markdown"/>, reported as <paramref name="readme"/>.</summary>
    public static async Task<WalkthroughResult> RunMarkdownAsync(
        string readme, string markdown, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var walkthrough = Walkthrough.Parse(markdown);
        using var root = new TempFolder();
        LinkRepository(root.Path, readme);
        var script = root.Write(".walkthrough.sh", Prelude + walkthrough.Script);
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root.Path,
        };
        foreach (var argument in new[] { "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "bash", "-c", "ip link set lo up && exec bash \"$0\" 2>&1", script })
        {
            start.ArgumentList.Add(argument);
        }

        // The test's own build is the one the README's `dotnet run --no-build` picks (Debug unless told otherwise).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return Check(walkthrough, readme, await output + await errors, timedOut, timeout, watch.Elapsed);
    }

    // An unexpected failure shows as "[exit N]" in the output, where a README that shows it may expect it.
    private const string Prelude = "trap 'echo \"[exit $?]\"' ERR\n";

    private static WalkthroughResult Check(Walkthrough walkthrough, string readme, string output, bool timedOut, TimeSpan timeout, TimeSpan elapsed)
    {
        var failures = new List<string>();
        var rest = output;
        var reached = 0;
        for (var number = 0; number < walkthrough.Checkpoints.Count; number++)
        {
            var marker = Walkthrough.Marker(number) + "\n";
            var at = rest.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                failures.Add($"{readme}:{walkthrough.Checkpoints[number].Line}: never reached{(timedOut ? $" (the walk-through did not end within {timeout})" : string.Empty)}; output after the last mark:\n{Tail(rest)}");
                break;
            }

            reached = number;
            var segment = rest[..at];
            rest = rest[(at + marker.Length)..];
            var checkpoint = walkthrough.Checkpoints[number];
            if (checkpoint.Expected is { } expected)
            {
                if (!ExpectedOutput.Matches(expected, segment))
                {
                    failures.Add($"{readme}:{checkpoint.Line}: the output differs.\n--- the README shows:\n{string.Join('\n', expected)}\n--- printed:\n{ExpectedOutput.Normalize(segment)}");
                }
            }
            else if (ExitLine().Match(segment) is { Success: true } failed)
            {
                failures.Add($"{readme}: before line {checkpoint.Line}: a command failed ({failed.Value}) where the README shows no failure; output:\n{ExpectedOutput.Normalize(segment)}");
            }
        }

        return new WalkthroughResult(failures, walkthrough.Skipped, walkthrough.Blocks, reached, elapsed, output);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    /// <summary>The repository at <paramref name="root"/>: everything linked, except the deployment files the walk-through writes beside.</summary>
    private static void LinkRepository(string root, string readme)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal) { "examples", "plugins.json", "data", ".git" };
        foreach (var entry in Directory.EnumerateFileSystemEntries(RepoPaths.Root))
        {
            var name = Path.GetFileName(entry);
            if (!copied.Contains(name))
            {
                File.CreateSymbolicLink(Path.Combine(root, name), entry);
            }
        }

        File.Copy(Path.Combine(RepoPaths.Root, "plugins.json"), Path.Combine(root, "plugins.json"));
        var examples = Path.Combine(RepoPaths.Root, "examples");
        foreach (var example in Directory.EnumerateDirectories(examples))
        {
            CopyDeployment(example, Path.Combine(root, "examples", Path.GetFileName(example)));
        }
    }

    private static void CopyDeployment(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) != "data"))
        {
            CopyDeployment(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "walk-throughs run in Linux namespaces (unshare); not on this system";
        }

        try
        {
            var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "bash", "-c", "ip link set lo up && command -v curl jq openssl python3 >/dev/null" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? null
                : $"walk-throughs need unprivileged user and network namespaces (unshare -rn), ip, bash, curl, jq, openssl and python3: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"walk-throughs need unshare (util-linux): {e.Message}";
        }
    }

    [GeneratedRegex(@"^\[exit \d+\]$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();
}
