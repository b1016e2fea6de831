using System.Text.RegularExpressions;

namespace Webhooks.Modular.Surfaces.DagNats.Workflows;

/// <summary>The workflow folder: a workflow <c>{name}</c> is the steps file <c>{name}.yaml</c> (or <c>.yml</c>) in it.</summary>
internal sealed partial class WorkflowFiles(string directory)
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>The folder (absolute).</summary>
    public string Directory { get; } = directory;

    /// <summary>Whether <paramref name="name"/> can be a workflow's name (a file name without folders or dots).</summary>
    /// <param name="name">The name.</param>
    public static bool IsValidName(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The workflow's file, or <c>null</c> when there is none.</summary>
    /// <param name="name">The workflow's name.</param>
    public string? Find(string name) =>
        IsValidName(name)
            ? Extensions.Select(extension => Path.Combine(Directory, name + extension)).FirstOrDefault(File.Exists)
            : null;

    /// <summary>The workflows there are, by name.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory)
                .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Where(IsValidName)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex Pattern();
}
