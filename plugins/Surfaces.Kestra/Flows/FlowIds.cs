using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>Kestra's rules for ids and namespaces, and the hook names derived from them.</summary>
internal static partial class FlowIds
{
    public const string HookPrefix = "kestra.";

    /// <summary>The engine's limit for a hook name.</summary>
    public const int MaxHookNameLength = 100;

    /// <summary>A flow id: as in Kestra, <c>^[a-zA-Z0-9][a-zA-Z0-9._-]*$</c>, at most 100 characters.</summary>
    /// <param name="id">The id.</param>
    public static bool IsFlowId(string? id) => id is { Length: <= 100 } && FlowIdPattern().IsMatch(id);

    /// <summary>A namespace: as in Kestra, <c>^[a-z0-9][a-z0-9._-]*$</c>, at most 150 characters.</summary>
    /// <param name="value">The namespace.</param>
    public static bool IsNamespace(string? value) => value is { Length: <= 150 } && NamespacePattern().IsMatch(value);

    /// <summary>A task or trigger id: as in Kestra, <c>^[a-zA-Z0-9][a-zA-Z0-9_-]*$</c>, at most 100 characters.</summary>
    /// <param name="id">The id.</param>
    public static bool IsTaskId(string? id) => id is { Length: <= 100 } && TaskIdPattern().IsMatch(id);

    /// <summary>
    /// The run-time hook of a webhook trigger: <c>kestra.{namespace}.{flowId}.{triggerId}</c>. Kestra's ids use only
    /// characters a hook name allows; when the name would pass the engine's 100 characters it is
    /// <c>kestra.{flowId, cut}.{32 hex digits of a SHA-256 of the three}</c> instead.
    /// </summary>
    /// <param name="namespace">The flow's namespace.</param>
    /// <param name="flowId">The flow's id.</param>
    /// <param name="triggerId">The trigger's id.</param>
    public static string HookName(string @namespace, string flowId, string triggerId)
    {
        var readable = $"{HookPrefix}{@namespace}.{flowId}.{triggerId}";
        if (readable.Length <= MaxHookNameLength)
        {
            return readable;
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{@namespace}\n{flowId}\n{triggerId}")))[..32];
        var room = MaxHookNameLength - HookPrefix.Length - 1 - digest.Length;
        return $"{HookPrefix}{flowId[..Math.Min(flowId.Length, room)]}.{digest}";
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9._-]*\z")]
    private static partial Regex FlowIdPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_-]*\z")]
    private static partial Regex TaskIdPattern();
}
