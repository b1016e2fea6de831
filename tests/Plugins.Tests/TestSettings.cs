using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Plugins.Tests;

/// <summary>Builds a component's settings the way the host does: a section of JSON configuration.</summary>
internal static class TestSettings
{
    public const string HookName = "demo";
    public const string ComponentPath = "hooks:0:action";

    /// <summary>Settings from a JSON object, such as <c>{ "command": "true" }</c>.</summary>
    /// <param name="json">The <c>settings</c> object.</param>
    /// <param name="baseDirectory">The configuration file's folder; the temp folder when not given.</param>
    public static ComponentSettings FromJson(string json, string? baseDirectory = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "settings": {{json}} }"""));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var directory = baseDirectory ?? Path.GetTempPath();
        return new ComponentSettings(HookName, ComponentPath, configuration.GetSection("settings"), directory, Path.Combine(directory, "plugins.json"));
    }
}
