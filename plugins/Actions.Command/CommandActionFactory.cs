using System.Globalization;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Actions.Command;

/// <summary>Validates a hook's <c>command</c> settings and builds the action.</summary>
internal sealed class CommandActionFactory : IRunActionFactory
{
    internal const int DefaultTimeoutSeconds = 300;
    internal const int DefaultMaxOutputBytes = 64 * 1024;

    // A day: longer than any sensible webhook-triggered job, and well inside what CancelAfter accepts.
    private const int MaxTimeoutSeconds = 24 * 60 * 60;

    // Output is kept in memory and stored with the run; beyond this it belongs in a file the command writes itself.
    private const int MaxMaxOutputBytes = 64 * 1024 * 1024;

    // These carry the caller's credentials or session. The host redacts the auth scheme's own credential headers
    // before storing the event, but a sender may add these too, and a command's environment is visible to every
    // process it starts (and to `ps e` for its user), so they are never exposed, whatever the allow-list says.
    private static readonly HashSet<string> NeverExposedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization",
        "Proxy-Authorization",
        "Cookie",
    };

    /// <inheritdoc />
    public string Type => "command";

    /// <inheritdoc />
    public IRunAction Create(ComponentSettings settings)
    {
        var action = new CommandAction(ReadOptions(settings));

        // Probe how to start the shell now, at start-up, rather than on a worker thread during the first run.
        _ = ShellLauncher.ResetsSigpipe;
        return action;
    }

    internal static CommandActionOptions ReadOptions(ComponentSettings settings)
    {
        var command = settings.Required("command");
        if (string.IsNullOrWhiteSpace(command))
        {
            throw settings.Error("command", "must not be blank");
        }

        return new CommandActionOptions(
            command,
            ReadWorkingDirectory(settings),
            ReadInt(settings, "timeoutSeconds", DefaultTimeoutSeconds, 1, MaxTimeoutSeconds),
            ReadInt(settings, "maxOutputBytes", DefaultMaxOutputBytes, 0, MaxMaxOutputBytes),
            ReadHeaders(settings),
            ReadEnvironment(settings));
    }

    private static string ReadWorkingDirectory(ComponentSettings settings)
    {
        // Without a setting, commands run beside the configuration file, so `./scripts/x.sh` means the same on every machine.
        var baseDirectory = string.IsNullOrEmpty(settings.BaseDirectory) ? Environment.CurrentDirectory : settings.BaseDirectory;
        var configured = settings.Optional("workingDirectory");
        if (configured is not null && string.IsNullOrWhiteSpace(configured))
        {
            throw settings.Error("workingDirectory", "must not be blank");
        }

        var directory = Path.GetFullPath(Path.Combine(baseDirectory, configured ?? "."));
        return Directory.Exists(directory)
            ? directory
            : throw settings.Error("workingDirectory", $"directory '{directory}' does not exist");
    }

    private static int ReadInt(ComponentSettings settings, string key, int defaultValue, int min, int max)
    {
        var text = settings.Optional(key);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw settings.Error(key, $"must be a whole number from {min} to {max}, not '{text}'");
    }

    private static string[] ReadHeaders(ComponentSettings settings)
    {
        var headers = new List<string>();
        foreach (var name in settings.List("headers"))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw settings.Error("headers", "must not contain blank header names");
            }

            var trimmed = name.Trim();
            if (!NeverExposedHeaders.Contains(trimmed) && !headers.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                headers.Add(trimmed);
            }
        }

        return [.. headers];
    }

    private static Dictionary<string, string> ReadEnvironment(ComponentSettings settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in settings.Section.GetSection("environment").GetChildren())
        {
            var key = $"environment:{variable.Key}";
            if (variable.Value is null)
            {
                throw settings.Error(key, "must be a string, number or boolean");
            }

            if (variable.Key.Contains('=', StringComparison.Ordinal))
            {
                throw settings.Error(key, "a variable name cannot contain '='");
            }

            // The action sets these for every run; letting configuration shadow them would hide what the run is about.
            if (variable.Key.StartsWith("WEBHOOK_", StringComparison.OrdinalIgnoreCase))
            {
                throw settings.Error(key, "WEBHOOK_ variables are set by the action itself");
            }

            environment[variable.Key] = variable.Value;
        }

        return environment;
    }
}
