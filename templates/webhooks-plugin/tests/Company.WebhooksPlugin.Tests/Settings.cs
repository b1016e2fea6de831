using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Configuration;

namespace Company.WebhooksPlugin.Tests;

/// <summary>Builds the settings the host would hand a factory for one hook.</summary>
internal static class Settings
{
    public static ComponentSettings For(string path, params (string Key, string Value)[] values)
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return new ComponentSettings("orders", path, section, AppContext.BaseDirectory, "plugins.json");
    }
}
