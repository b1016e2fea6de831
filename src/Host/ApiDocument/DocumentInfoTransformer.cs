using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// The document's title, version and description, the tags' descriptions, the servers (without a trailing slash), and
/// the ways a caller authenticates: each hook chooses its own scheme (none, API key, bearer, basic, HMAC, a key in the
/// path) and the management routes take a session token, so every operation lists them as alternatives, none included.
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Hooks"] = "The generic surface: one route per configured hook. Errors are application/problem+json.",
        ["Runs and events"] = "Follow a request from its stored event to its run's output. Errors are application/problem+json.",
        ["Sign-in"] = "Auth.Builtin: session tokens for the management routes.",
        ["Dagu"] = "Surfaces.Dagu: Dagu's webhook API. Errors are {\"code\",\"message\"}.",
        ["DagNats"] = "Surfaces.DagNats: DagNats' webhooks and runs. Errors are {\"error\"}.",
        ["Kestra"] = "Surfaces.Kestra: Kestra's webhook trigger and executions. Errors are {\"message\"}.",
        ["Danube"] = "Surfaces.Danube: Danube's webhook subscriptions and events. Errors are {\"error\",\"field\"}.",
        ["Dograh"] = "Surfaces.Dograh: Dograh's credentials for webhook nodes. Errors are {\"detail\",\"field\"}.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var version = typeof(DocumentInfoTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        document.Info = new OpenApiInfo
        {
            Title = "Webhooks.Modular",
            Version = version.Split('+')[0],
            Description = "The routes of this deployment: the generic surface (/hooks/{name}, /runs, /events) and those of every loaded "
                + "surface and plugin. The generic surface answers errors as application/problem+json (RFC 9457); each "
                + "product surface answers in its product's own error shape.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A session token from the sign-in route, or a hook's bearer token.",
        };
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "A hook's API key (the header name is the hook's setting; X-API-Key by default).",
        };
        document.Components.SecuritySchemes["basic"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A hook's user name and password.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement(),
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("basic", document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
