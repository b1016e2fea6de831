using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Host;
using Webhooks.Modular.Host.CommandLine;

try
{
    var arguments = HostArguments.Parse(args);
    if (!arguments.Serves)
    {
        return await HostCommandLine.RunAsync(arguments, Console.Out, Console.Error, !Console.IsOutputRedirected);
    }

    if (arguments.Command == HostArguments.Serve && HostArguments.Parse(arguments.CommandArguments!) is { Command: { } stray })
    {
        // "serve tokn" must not quietly serve with a typo in it.
        return HostCommandLine.Usage(Console.Error, $"serve takes options only, not '{stray}' (see 'serve --help')");
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
