using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Company.WebhooksPlugin;

/// <summary>Builds a hook's <see cref="EchoAction"/>; its dependencies come from the host's container.</summary>
/// <param name="options">The plugin-level settings.</param>
/// <param name="logger">The host's logging, under this plugin's category.</param>
public sealed class EchoActionFactory(EchoOptions options, ILogger<EchoAction> logger) : IRunActionFactory
{
    /// <inheritdoc />
    public string Type => Plugin.ActionType;

    /// <inheritdoc />
    public IRunAction Create(ComponentSettings settings) =>
        new EchoAction(options.Prefix, settings.Optional("label") ?? settings.HookName, logger);
}
