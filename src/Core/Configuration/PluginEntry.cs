using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Configuration;

/// <summary>One plugin of a deployment: loaded from a folder, or given as an instance by an embedding app.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Folder">The plugin folder, for plugins loaded from disk.</param>
/// <param name="Instance">The plugin object, for plugins registered in-process.</param>
/// <param name="Settings">The plugin's settings.</param>
/// <param name="Key">Where the entry is in the configuration, such as <c>plugins:2</c>.</param>
/// <param name="Reloadable">The deployment marked the plugin reloadable (<c>"reloadable": true</c>): a new build in its folder replaces it while the host runs.</param>
/// <param name="FolderFromName">The folder is the default one for the name (no <c>path</c> was given), so a missing folder means a wrong name.</param>
internal sealed record PluginEntry(string Name, string? Folder, IWebhookPlugin? Instance, IConfiguration Settings, string Key, bool FolderFromName = false, bool Reloadable = false);
