using Autofac.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Host;

HostArguments arguments;
try
{
    arguments = HostArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

try
{
    var builder = WebApplication.CreateBuilder(arguments.Rest);
    builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    {
        builder.WebHost.UseUrls("http://localhost:8080");
    }

    builder.Services.AddWebhooks(webhooks => webhooks.UseConfigurationFile(arguments.ConfigPath));

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.MapWebhooks();
    await app.RunAsync();
    return 0;
}
catch (PluginConfigurationException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
