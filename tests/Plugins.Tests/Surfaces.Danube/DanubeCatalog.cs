using Webhooks.Modular.Surfaces.Danube.Events;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

/// <summary>The event types of Danube's documentation, as the example deployment configures them.</summary>
internal static class DanubeCatalog
{
    public static readonly string[] Types =
    [
        "tool.execution.completed",
        "tool.execution.failed",
        "workflow.completed",
        "workflow.failed",
        "agent.spend.limit_approaching",
    ];

    public static RequestValidator Validator(bool allowHttp = false) => new(new EventCatalog(Types), allowHttp);
}
