using System.Runtime.Loader;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>A plugin ready to configure: its entry point, its context, and the load context it lives in (none when in-process).</summary>
/// <param name="Plugin">The entry point.</param>
/// <param name="Context">Its name, settings and base folder.</param>
/// <param name="LoadContext">The plugin's collectible load context, or <c>null</c> for an in-process plugin.</param>
/// <param name="Loader">McMaster's loader that owns <paramref name="LoadContext"/>; disposing it unloads the context.</param>
/// <param name="Reloadable">The deployment marked the plugin reloadable: its folder is watched and a new build replaces it.</param>
internal sealed record LoadedPlugin(
    IWebhookPlugin Plugin,
    PluginContext Context,
    AssemblyLoadContext? LoadContext,
    McMaster.NETCore.Plugins.PluginLoader? Loader = null,
    bool Reloadable = false);
