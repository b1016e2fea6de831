using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Webhooks.Modular.Host.ApiDocument;

/// <summary>
/// The API document: every route the surfaces and plugins map (they are all in the app's endpoint data source, plugin
/// assemblies included), described by ASP.NET Core's OpenAPI generator at <c>/openapi/v1.json</c> and browsable with
/// Scalar at <c>/scalar</c>. Operational routes (health, metrics) opt out with <c>ExcludeFromDescription()</c>.
/// </summary>
internal static class ApiDocumentExtensions
{
    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenApi(ApiDocumentOptions.DocumentName, openApi =>
        {
            openApi.CreateSchemaReferenceId = SchemaIds.Create;
            openApi.AddDocumentTransformer<DocumentInfoTransformer>();
            openApi.AddSchemaTransformer<JsonNamingSchemaTransformer>();
            openApi.AddOperationTransformer<OperationIdTransformer>();
            openApi.AddOperationTransformer<PathParameterTransformer>();
            openApi.AddOperationTransformer<RequestBodyTransformer>();
            openApi.AddOperationTransformer<ApiExampleTransformer>();
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        var options = Read(app.Configuration);
        if (!options.Enabled)
        {
            return app;
        }

        app.MapOpenApi(ApiDocumentOptions.DocumentRoute);
        if (options.Browser)
        {
            app.MapScalarApiReference(ApiDocumentOptions.BrowserPrefix, scalar => scalar
                .WithTitle("Webhooks.Modular API")
                .WithOpenApiRoutePattern(ApiDocumentOptions.DocumentRoute));
        }

        return app;
    }

    private static ApiDocumentOptions Read(IConfiguration configuration)
    {
        var options = new ApiDocumentOptions();
        var section = configuration.GetSection(ApiDocumentOptions.Section);
        options.Enabled = ReadSwitch(section, nameof(ApiDocumentOptions.Enabled), options.Enabled);
        options.Browser = ReadSwitch(section, nameof(ApiDocumentOptions.Browser), options.Browser);
        return options;
    }

    private static bool ReadSwitch(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new ArgumentException($"{section.Path}:{key} must be true or false, not '{text}'");
    }
}
