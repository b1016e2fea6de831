using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>A temp folder holding a deployment's files: plugins.json's folder, with workflow definitions in it.</summary>
internal sealed class DograhFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dograh-").FullName;

    public string ConfigurationFile => System.IO.Path.Combine(Path, "plugins.json");

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    /// <summary>The plugin's context with <paramref name="settingsJson"/> as its <c>settings</c>.</summary>
    public PluginContext Context(string settingsJson) =>
        new("Surfaces.Dograh", new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settingsJson))).Build(), Path, ConfigurationFile);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
