using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Abstractions.Surfaces;

/// <summary>Conventions a surface puts on its routes (or a group of them) for the host's API document.</summary>
public static class ApiDescriptionExtensions
{
    /// <summary>
    /// Says that the routes answer these status codes with the surface's own JSON error body of type
    /// <paramref name="errorType"/> (the generic surface uses <c>ProducesProblem</c> instead). Works on a route or a group.
    /// </summary>
    /// <typeparam name="TBuilder">The route or group builder.</typeparam>
    /// <param name="builder">The route or group.</param>
    /// <param name="errorType">The error body's type.</param>
    /// <param name="statusCodes">The error status codes.</param>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, Type errorType, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(errorType);
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, errorType, ["application/json"]));
        }

        return builder;
    }

    /// <summary>
    /// Describes the request body a route reads itself, for the API document (see <see cref="ApiRequestBody"/>); routing
    /// does not enforce the content types.
    /// </summary>
    /// <typeparam name="TBuilder">The route builder.</typeparam>
    /// <param name="builder">The route.</param>
    /// <param name="bodyType">The body's type.</param>
    /// <param name="contentTypes">The media types; <c>application/json</c> when none.</param>
    public static TBuilder DescribesBody<TBuilder>(this TBuilder builder, Type bodyType, params string[] contentTypes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(bodyType);
        return builder.WithMetadata(new ApiRequestBody(bodyType, contentTypes is { Length: > 0 } ? contentTypes : ["application/json"]));
    }
}
