using Webhooks.Modular.Abstractions.Plugins;

namespace Fixture.FuturePlugin;

/// <summary>A plugin built against Abstractions 2.0, which a 1.x host must refuse before loading it.</summary>
public sealed class FuturePlugin : IFutureWebhookPlugin
{
}
