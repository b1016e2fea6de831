using System.Text.RegularExpressions;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>What a trigger may be called, and the names derived from it.</summary>
internal static partial class TriggerNames
{
    /// <summary>The longest trigger name: its hook, <c>dagnats.{name}</c>, must fit the engine's 100 characters.</summary>
    public const int MaxLength = 92;

    public const string HookPrefix = "dagnats.";

    /// <summary>
    /// Whether <paramref name="name"/> is a trigger name: letters, digits, '_' and '-'. No dots, because the name is one
    /// token of the subject <c>event.webhook.{name}</c>.
    /// </summary>
    /// <param name="name">The name from a route or the command line.</param>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The run-time hook that serves a trigger.</summary>
    /// <param name="trigger">The trigger's name.</param>
    public static string HookName(string trigger) => HookPrefix + trigger;

    /// <summary>The trigger a hook serves, or <c>null</c> when the hook is not a DagNats trigger's.</summary>
    /// <param name="hookName">A hook's name.</param>
    public static string? FromHookName(string hookName) =>
        hookName.StartsWith(HookPrefix, StringComparison.Ordinal) && IsValid(hookName[HookPrefix.Length..]) ? hookName[HookPrefix.Length..] : null;

    /// <summary>The subject a webhook trigger's accepted requests are published under.</summary>
    /// <param name="trigger">The trigger's name.</param>
    public static string WebhookSubject(string trigger) => "event.webhook." + trigger;

    /// <summary>What <see cref="IsValid"/> accepts, for messages.</summary>
    public static string Rule => $"1-{MaxLength} letters, digits, '_' or '-'";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,92}$")]
    private static partial Regex Pattern();
}
