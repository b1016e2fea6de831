using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dograh.Credentials;

namespace Webhooks.Modular.Surfaces.Dograh.Api;

/// <summary>Dograh's routes: the stored credentials webhook nodes authenticate with.</summary>
internal sealed class DograhApi(CredentialEndpoints credentials) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints) =>
        // Dograh's error body on every route, for the API document.
        credentials.Map(endpoints.MapGroup(string.Empty).WithTags("Dograh").ProducesErrors(typeof(ErrorBody), 400, 401, 403, 404, 413, 422));
}
