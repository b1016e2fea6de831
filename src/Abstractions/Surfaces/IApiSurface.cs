using Microsoft.AspNetCore.Routing;

namespace Webhooks.Modular.Abstractions.Surfaces;

/// <summary>
/// The routes and wire format of one source system. A surface translates its requests into
/// <see cref="Inbound.InboundWebhook"/>s for <see cref="Inbound.IWebhookReceiver"/> and maps the outcome back.
/// Register implementations as services; the host maps every one.
/// </summary>
public interface IApiSurface
{
    /// <summary>Maps the surface's routes.</summary>
    /// <param name="endpoints">The host's route builder.</param>
    void Map(IEndpointRouteBuilder endpoints);
}
