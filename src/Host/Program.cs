using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Host;

try
{
    var arguments = HostArguments.Parse(args);
    if (arguments.Command is not null)
    {
        return await HostCommands.RunAsync(arguments, Console.Out, Console.Error);
    }

    var app = HostApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is PluginConfigurationException or ArgumentException)
{
    // One line that names the file, the plugin or hook, and the key; no stack trace for a configuration error.
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
