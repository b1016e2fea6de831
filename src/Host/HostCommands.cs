using Webhooks.Modular.Abstractions.Commands;

namespace Webhooks.Modular.Host;

/// <summary>Runs a plugin's command-line verb against the deployment's services, without starting the server.</summary>
internal static class HostCommands
{
    public static async Task<int> RunAsync(HostArguments arguments, TextWriter output, TextWriter error)
    {
        await using var app = HostApplication.Build(["--config", arguments.ConfigPath, "--Logging:LogLevel:Default=Warning"]);
        var commands = app.Services.GetServices<IHostCommand>().ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (!commands.TryGetValue(arguments.Command!, out var command))
        {
            var known = commands.Count == 0 ? "none in this deployment" : string.Join(", ", commands.Keys.Order(StringComparer.Ordinal));
            await error.WriteLineAsync($"error: unknown command '{arguments.Command}' (known: {known})");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await command.RunAsync(new HostCommandContext(arguments.CommandArguments ?? [], output, error, app.Services), cancel.Token);
    }
}
