using System.Text.RegularExpressions;

namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>What a DAG may be called, and the names derived from it.</summary>
internal static partial class DagNames
{
    /// <summary>
    /// The longest DAG name: its hook, <c>dagu.{name}</c>, must fit the engine's 100 characters for a hook name.
    /// </summary>
    public const int MaxLength = 95;

    /// <summary>Whether <paramref name="name"/> is a DAG name: letters, digits, '_' and '-', as file names in the DAG folder are.</summary>
    /// <param name="name">The name from a route or a file.</param>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The run-time hook that serves a DAG's webhook.</summary>
    /// <param name="dag">The DAG's name.</param>
    public static string HookName(string dag) => "dagu." + dag;

    /// <summary>The scope of a DAG's webhook tokens.</summary>
    /// <param name="dag">The DAG's name.</param>
    public static string TokenScope(string dag) => "dag:" + dag;

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,95}$")]
    private static partial Regex Pattern();
}
