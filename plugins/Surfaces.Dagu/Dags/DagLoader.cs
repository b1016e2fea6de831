namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>
/// Finds DAGs in the DAG folder: <c>{name}.yaml</c> (or <c>.yml</c>). The file's steps are read by the
/// <see cref="Runs.DagAction"/> at each run, so editing a DAG needs no restart.
/// </summary>
internal sealed class DagLoader(string directory)
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>The folder DAG files are read from (absolute).</summary>
    public string Directory { get; } = directory;

    /// <summary>The DAG's file, or <c>null</c> when there is none (or the name is not a DAG name).</summary>
    /// <param name="name">The DAG's name.</param>
    public string? FindFile(string name) =>
        DagNames.IsValid(name)
            ? Extensions.Select(extension => Path.Combine(Directory, name + extension)).FirstOrDefault(File.Exists)
            : null;

    /// <summary>Whether the DAG's file exists; its content is not checked (a broken DAG fails its runs instead).</summary>
    /// <param name="name">The DAG's name.</param>
    public bool Exists(string name) => FindFile(name) is not null;
}
