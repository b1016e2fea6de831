using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Actions;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Core.Plugins.Reloading;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>A hook built from its definition: the components that serve it.</summary>
internal sealed class Hook
{
    private volatile bool _enabled = true;

    public required string Name { get; init; }

    /// <summary>The API surface that serves this hook, or <c>null</c> for the generic <c>/hooks/{name}</c>.</summary>
    public string? Surface { get; init; }

    /// <summary>For an event trigger: the subject pattern it subscribes to (it is then not reachable over HTTP).</summary>
    public Events.SubjectPattern? Subject { get; init; }

    public required IReadOnlyList<string> Methods { get; init; }

    public required long MaxBodyBytes { get; init; }

    public required IReadOnlyList<string> ContentTypes { get; init; }

    public required string AuthScheme { get; init; }

    public required IInboundAuthenticator Authenticator { get; init; }

    public required AuthMode AuthMode { get; init; }

    public required IReadOnlyList<ITriggerCondition> Conditions { get; init; }

    public required string ActionType { get; init; }

    public required IRunAction Action { get; init; }

    public required int MaxAttempts { get; init; }

    public required IReadOnlyList<string> IdempotencyHeaders { get; init; }

    public required TimeSpan IdempotencyRetention { get; init; }

    /// <summary>What a success answers on <c>/hooks/{name}</c> instead of the host's JSON ids; <c>null</c> for those.</summary>
    public HookResponse? Response { get; init; }

    /// <summary>This hook's own retention windows (its <c>retention</c> block); <c>null</c> where the host's default applies.</summary>
    public Housekeeping.RetentionWindows? Retention { get; init; }

    /// <summary>The definition without settings (so without secrets), as stored in the hook store.</summary>
    public required string Summary { get; init; }

    /// <summary>The builds of reloadable plugins whose factories made this hook's components; usually none.</summary>
    public IReadOnlyList<PluginGeneration> Generations { get; init; } = [];

    /// <summary>Where the hook was defined, so that it can be built again with a reloaded plugin's factories.</summary>
    public (IConfiguration Section, string Key, string File, string BaseDirectory)? Definition { get; init; }

    /// <summary>
    /// Holds this hook's plugin builds for one request, or <c>null</c> when one of them has already been replaced
    /// and unloaded (the registry then holds the hook rebuilt on the new build).
    /// </summary>
    public HookLease? TryAcquire()
    {
        for (var i = 0; i < Generations.Count; i++)
        {
            if (!Generations[i].TryAcquire())
            {
                for (var j = 0; j < i; j++)
                {
                    Generations[j].Release();
                }

                return null;
            }
        }

        return new HookLease(this, Generations);
    }

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }
}
