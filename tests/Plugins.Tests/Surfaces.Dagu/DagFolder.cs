namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

/// <summary>A temporary DAG folder, deleted on dispose.</summary>
internal sealed class DagFolder : IDisposable
{
    public DagFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dagu-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string fileName, string yaml)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, yaml);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
