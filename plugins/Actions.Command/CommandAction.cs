using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Actions.Command;

/// <summary>Runs one attempt as <c>/bin/sh -c &lt;command&gt;</c> with the run described in its environment.</summary>
internal sealed class CommandAction(CommandActionOptions options) : IRunAction
{
    internal const string PayloadVariable = "WEBHOOK_PAYLOAD";

    // Linux refuses to exec a program when one "NAME=value" environment string, with its NUL, is longer than
    // MAX_ARG_STRLEN (32 pages, 128 KiB). Larger payloads go on standard input only.
    internal const int MaxEnvironmentStringBytes = 128 * 1024;

    // After the shell exits, a background process it started may still hold the pipes open. Give it a moment to
    // finish writing, then stop reading so such a process cannot hold the run (and its lease) indefinitely.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    // SIGKILL takes effect at once; this bounds the wait only against a process stuck in the kernel.
    private static readonly TimeSpan ExitAfterKillGrace = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions HeaderJson = new()
    {
        // The value is read by shell scripts, not embedded in HTML: keep '+', '<' and non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return RunResult.Failure("cancelled");
        }

        // The host promises JSON text, but an empty variable would break `jq` in every script, so defend.
        var payload = string.IsNullOrEmpty(context.Input) ? "{}" : context.Input;
        var output = new BoundedOutput(options.MaxOutputBytes);
        using var process = new Process { StartInfo = CreateStartInfo(context, payload, output) };
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException)
        {
            return RunResult.Failure($"could not start {ShellLauncher.Shell} in '{options.WorkingDirectory}': {exception.Message}", output.ToString());
        }

        using var stopReading = new CancellationTokenSource();
        var readStandardOutput = DrainAsync(process.StandardOutput.BaseStream, output, stopReading.Token);
        var readStandardError = DrainAsync(process.StandardError.BaseStream, output, stopReading.Token);
        var writeStandardInput = FeedAsync(process.StandardInput, payload, stopReading.Token);

        var failure = await WaitOrKillAsync(process, cancellationToken).ConfigureAwait(false);

        stopReading.CancelAfter(DrainGrace);
        var drained = await Task.WhenAll(readStandardOutput, readStandardError).ConfigureAwait(false);
        await writeStandardInput.ConfigureAwait(false);
        if (failure is null && !drained.All(completed => completed))
        {
            output.AddNote($"stopped reading output {DrainGrace.TotalSeconds:0}s after the command exited: a background process still holds it open");
        }

        if (failure is not null)
        {
            return RunResult.Failure(failure, output.ToString());
        }

        var exitCode = process.ExitCode;
        return exitCode == 0
            ? new RunResult(true, 0, output.ToString(), null)
            : new RunResult(false, exitCode, output.ToString(), $"exit code {exitCode}");
    }

    /// <summary>Waits for the shell to exit; on timeout or cancellation kills its whole tree and says why.</summary>
    private async Task<string?> WaitOrKillAsync(Process process, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            // Killing only the shell would leave its children running, still holding our pipes and doing work
            // nobody waits for any more.
            KillTree(process);
            using var afterKill = new CancellationTokenSource(ExitAfterKillGrace);
            try
            {
                await process.WaitForExitAsync(afterKill.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported below as the timeout or cancellation that it is.
            }

            return cancellationToken.IsCancellationRequested ? "cancelled" : $"timed out after {options.TimeoutSeconds}s";
        }
    }

    private ProcessStartInfo CreateStartInfo(RunContext context, string payload, BoundedOutput output)
    {
        var startInfo = ShellLauncher.Create(options.Command);
        startInfo.UseShellExecute = false;
        startInfo.WorkingDirectory = options.WorkingDirectory;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.CreateNoWindow = true;

        var environment = startInfo.Environment;
        foreach (var secret in SecretReference.EnvironmentSecretNames)
        {
            environment.Remove(secret);
        }

        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        if (Encoding.UTF8.GetByteCount(PayloadVariable) + 1 + Encoding.UTF8.GetByteCount(payload) + 1 <= MaxEnvironmentStringBytes)
        {
            environment[PayloadVariable] = payload;
        }
        else
        {
            // Also removes a WEBHOOK_PAYLOAD the host itself may have inherited, which would be misleading.
            environment.Remove(PayloadVariable);
            output.AddNote(string.Create(
                CultureInfo.InvariantCulture,
                $"{PayloadVariable} not set: the payload ({Encoding.UTF8.GetByteCount(payload)} bytes) is too large for an environment variable; it is on standard input"));
        }

        environment["WEBHOOK_HEADERS"] = HeadersJson(context.Headers);
        environment["WEBHOOK_RUN_ID"] = context.RunId;
        environment["WEBHOOK_HOOK"] = context.HookName;
        environment["WEBHOOK_REQUEST_ID"] = context.RequestId;
        environment["WEBHOOK_EVENT_ID"] = context.EventId.ToString("D");
        environment["WEBHOOK_ATTEMPT"] = context.Attempt.ToString(CultureInfo.InvariantCulture);
        return startInfo;
    }

    private string HeadersJson(IReadOnlyDictionary<string, string[]> headers)
    {
        var exposed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in options.Headers)
        {
            if (Lookup(headers, name) is { Length: > 0 } values)
            {
                // Repeated headers combine as HTTP defines it (RFC 9110 §5.3).
                exposed[name] = string.Join(", ", values);
            }
        }

        return JsonSerializer.Serialize(exposed, HeaderJson);
    }

    private static string[]? Lookup(IReadOnlyDictionary<string, string[]> headers, string name)
    {
        if (headers.TryGetValue(name, out var values))
        {
            return values;
        }

        // Header names are case-insensitive, but a stored dictionary need not have been built with that comparer.
        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Copies a stream into the output until it ends; false when it was abandoned still open.</summary>
    private static async Task<bool> DrainAsync(Stream stream, BoundedOutput output, CancellationToken cancellationToken)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                output.Append(decoder, buffer.AsSpan(0, read));
            }

            output.Complete(decoder);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Writes the payload to the command's standard input, then closes it so reads see the end.</summary>
    private static async Task FeedAsync(StreamWriter standardInput, string payload, CancellationToken cancellationToken)
    {
        try
        {
            await standardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(payload), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The command exited or closed standard input without reading it all: that is its choice, not a failure.
        }

        try
        {
            standardInput.Dispose();
        }
        catch (IOException)
        {
            // Closing a pipe whose reader is gone; nothing left to tell it.
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or AggregateException)
        {
            // It exited on its own as the deadline passed, or part of the tree already had.
        }
    }
}
