using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>A plugin ready to configure: its entry point, its context, and the load context it lives in (none when in-process).</summary>
/// <param name="Plugin">The entry point.</param>
/// <param name="Context">Its name, settings and base folder.</param>
/// <param name="LoadContext">The plugin's load context, or <c>null</c> for an in-process plugin.</param>
internal sealed record LoadedPlugin(IWebhookPlugin Plugin, PluginContext Context, PluginLoadContext? LoadContext);
