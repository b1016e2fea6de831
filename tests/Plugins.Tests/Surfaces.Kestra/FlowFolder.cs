namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

/// <summary>A temporary flow folder, deleted on dispose.</summary>
internal sealed class FlowFolder : IDisposable
{
    public FlowFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kestra-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string fileName, string yaml)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
