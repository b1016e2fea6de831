using System.Diagnostics;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>
/// Runs the scripts of <c>tests/Interop/node</c>, which sign and verify with the peers' own npm libraries: JSON on
/// stdin, JSON on stdout. Secrets go through stdin, never the command line. <see cref="MissingReason"/> says why
/// they cannot run here (no <c>node</c>, or the pinned packages are not installed).
/// </summary>
internal static class NodePeer
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "Interop", "node");

    /// <summary>Why the interop tests cannot run on this machine, or <c>null</c> when they can.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>Runs <c>sign.js</c>: the request a provider sends for this body, signed by its library.</summary>
    public static async Task<SignedRequest> SignAsync(string provider, string secret, string body, string id, string? @event = null)
    {
        var output = await RunAsync("sign.js", new { provider, secret, body, id, @event });
        var headers = output.GetProperty("headers").EnumerateObject().Select(h => (h.Name, h.Value.GetString()!)).ToArray();
        return new SignedRequest(headers, output.GetProperty("signedWith").GetString()!, output.GetProperty("checkedWith").GetString()!);
    }

    /// <summary>Runs <c>verify.js</c>: does a receiver's library (<c>standardwebhooks</c> or <c>svix</c>) accept this delivery with this secret?</summary>
    public static Task<JsonElement> VerifyAsync(string library, string secret, Received delivery) =>
        RunAsync("verify.js", new { library, secret, body = Convert.ToBase64String(delivery.Body), headers = delivery.Headers });

    private static async Task<JsonElement> RunAsync(string script, object input)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // node ended before reading its input (a script that does not load): its exit code and stderr say why, below.
        }

        // Generous: loading a library takes a second or two on a busy 2-core machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in 90 s: {await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await error}");
        }

        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string? FindMissing()
    {
        const string Fix = "run `npm ci --prefix tests/Interop/node`, as .ci/run does; see docs/interop.md";
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, OperatingSystem.IsWindows() ? "node.exe" : "node")));
        if (!onPath)
        {
            return $"interop tests skipped: node is not on PATH (install Node.js 20 or later, then {Fix})";
        }

        // Every pinned package at its pinned version, so a stale node_modules does not test other versions.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "package.json")));
        foreach (var dependency in manifest.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            var installed = Path.Combine(Folder, "node_modules", dependency.Name, "package.json");
            if (!File.Exists(installed))
            {
                return $"interop tests skipped: {dependency.Name} is not installed in tests/Interop/node: {Fix}";
            }

            using var package = JsonDocument.Parse(File.ReadAllText(installed));
            var version = package.RootElement.GetProperty("version").GetString();
            if (version != dependency.Value.GetString())
            {
                return $"interop tests skipped: tests/Interop/node has {dependency.Name} {version}, not the pinned {dependency.Value.GetString()}: {Fix}";
            }
        }

        return null;
    }
}
