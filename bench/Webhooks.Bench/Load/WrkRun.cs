using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Bench.Load;

/// <summary>
/// One run of <c>wrk</c> (<c>-t1 -cC -dNs --latency</c>) with a Lua script, and the figures it printed. wrk is an
/// open-source HTTP load generator in C, so every server (.NET or Node) is driven by the same client at the same cost.
/// </summary>
/// <param name="Requests">Responses read during the run.</param>
/// <param name="Non2xx">Responses that were not 2xx or 3xx.</param>
/// <param name="SocketErrors">connect + read + write + timeout errors.</param>
/// <param name="RequestsPerSecond">wrk's own figure.</param>
/// <param name="P50Milliseconds">The median latency.</param>
/// <param name="P99Milliseconds">The 99th percentile.</param>
/// <param name="Output">What wrk printed, for the record.</param>
internal sealed partial record WrkRun(long Requests, long Non2xx, long SocketErrors, double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, string Output)
{
    /// <summary>Where wrk is expected.</summary>
    public const string Executable = "/usr/bin/wrk";

    /// <summary>The 2xx answers: what was acknowledged.</summary>
    public long Acknowledged => Requests - Non2xx;

    /// <summary>Runs wrk to the end and parses what it printed.</summary>
    /// <param name="url">The target.</param>
    /// <param name="script">The Lua script (method, body, headers).</param>
    /// <param name="connections">Connections (<c>-c</c>), on one thread (<c>-t1</c>).</param>
    /// <param name="seconds">Duration (<c>-d</c>).</param>
    /// <param name="cancellationToken">Kills wrk.</param>
    public static async Task<WrkRun> RunAsync(Uri url, string script, int connections, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var text = await output + await error;
        return process.ExitCode == 0 ? Parse(text) : throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {text}");
    }

    /// <summary>Reads wrk's report.</summary>
    /// <param name="text">What wrk printed with <c>--latency</c>.</param>
    public static WrkRun Parse(string text)
    {
        var requests = Count(RequestsLine().Match(text), text, "requests in");
        var non2xx = Non2xxLine().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketLine().Match(text) is { Success: true } s
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(s.Groups[i].Value, CultureInfo.InvariantCulture))
            : 0;
        var rate = RateLine().Match(text);
        return new WrkRun(
            requests,
            non2xx,
            socket,
            rate.Success ? double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"no Requests/sec in wrk's output: {text}"),
            Percentile(text, "50%"),
            Percentile(text, "99%"),
            text);
    }

    private static long Count(Match match, string text, string what) =>
        match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"no '{what}' in wrk's output: {text}");

    private static double Percentile(string text, string percent)
    {
        var match = Regex.Match(text, $@"^\s*{Regex.Escape(percent)}\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new FormatException($"no {percent} latency in wrk's output (was --latency given?): {text}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            _ => value * 1000,
        };
    }

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketLine();

    [GeneratedRegex(@"Requests/sec:\s*([0-9.]+)")]
    private static partial Regex RateLine();
}
