using System.ComponentModel;
using System.Diagnostics;

namespace Webhooks.Modular.Actions.Command;

/// <summary>
/// Starts <c>/bin/sh -c &lt;command&gt;</c> with the default SIGPIPE disposition. The .NET runtime ignores SIGPIPE,
/// and an ignored signal stays ignored across exec (a shell cannot even <c>trap</c> it back), so without this
/// `yes | head -n 1` prints "Broken pipe" errors and such writers keep running instead of ending quietly.
/// GNU <c>env --default-signal</c> resets it just before exec'ing the shell; where that is unavailable the shell
/// is started directly and the commands see the ignored SIGPIPE.
/// </summary>
internal static class ShellLauncher
{
    internal const string Shell = "/bin/sh";
    private const string Env = "/usr/bin/env";
    private const string DefaultSigpipe = "--default-signal=PIPE";

    private static readonly Lazy<bool> CanResetSigpipe = new(ProbeEnv);

    /// <summary>Whether commands start with SIGPIPE at its default; probed once per process.</summary>
    public static bool ResetsSigpipe => CanResetSigpipe.Value;

    /// <summary>A start info for running <paramref name="command"/> in the shell, passed as one argument.</summary>
    /// <param name="command">The shell text.</param>
    public static ProcessStartInfo Create(string command)
    {
        var startInfo = new ProcessStartInfo(ResetsSigpipe ? Env : Shell);
        if (ResetsSigpipe)
        {
            // env exec's the shell in place: same pid, so killing the tree still reaches everything.
            startInfo.ArgumentList.Add(DefaultSigpipe);
            startInfo.ArgumentList.Add(Shell);
        }

        // ArgumentList passes the command as one argv entry: no quoting of ours for the shell to misread.
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        return startInfo;
    }

    private static bool ProbeEnv()
    {
        var probe = new ProcessStartInfo(Env)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        probe.ArgumentList.Add(DefaultSigpipe);
        probe.ArgumentList.Add(Shell);
        probe.ArgumentList.Add("-c");
        probe.ArgumentList.Add("exit 0");
        try
        {
            using var process = Process.Start(probe);
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Exception exception) when (exception is Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
