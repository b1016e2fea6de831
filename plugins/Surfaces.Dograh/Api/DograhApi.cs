using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dograh.Credentials;

namespace Webhooks.Modular.Surfaces.Dograh.Api;

/// <summary>Dograh's routes: the stored credentials webhook nodes authenticate with.</summary>
internal sealed class DograhApi(CredentialEndpoints credentials) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints) => credentials.Map(endpoints);
}
