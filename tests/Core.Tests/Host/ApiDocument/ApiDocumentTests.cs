using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host.ApiDocument;

/// <summary>
/// The real host with every surface plugin loaded: every route it maps is in <c>/openapi/v1.json</c> (method and path),
/// with request and answer schemas; <c>/scalar</c> shows it; <c>ApiDocument:Enabled=false</c> removes both.
/// </summary>
public sealed class ApiDocumentTests : IDisposable
{
    /// <summary>Operational routes, kept out of the API document on purpose (health, metrics, the document and its browser).</summary>
    private static readonly string[] Operational = ["/healthz", "/readyz", "/metrics", "/openapi/", "/scalar"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_mapped_route_of_every_surface_is_in_the_document_with_its_method_and_path()
    {
        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder));
        var document = await GetDocumentAsync(host);
        var paths = document.GetProperty("paths");

        var mapped = host.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => (Path: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), Methods: endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(route => !Operational.Any(prefix => route.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        // The plugins' own routes are there, not only the engine's: the generator sees plugin load contexts.
        Assert.Contains(mapped, route => route.Path == "/api/v1/webhooks/{name}");
        Assert.Contains(mapped, route => route.Path == "/v1/events");
        var missing = new List<string>();
        foreach (var (path, methods) in mapped)
        {
            Assert.NotEmpty(methods);
            foreach (var method in methods)
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out _))
                {
                    missing.Add($"{method} {path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "mapped but not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Generic_surface_documents_its_answers_and_problem_details()
    {
        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder));
        var document = await GetDocumentAsync(host);

        var post = document.GetProperty("paths").GetProperty("/hooks/{name}").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").EnumerateObject().Any(), "the hook's request body is described");
        var responses = post.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
        Assert.True(responses.GetProperty("401").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var run = document.GetProperty("paths").GetProperty("/runs/{id}").GetProperty("get").GetProperty("responses");
        Assert.True(run.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(run.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var ids = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("responses", out _)))
            .Select(operation => operation.Value.GetProperty("operationId").GetString())
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Scalar_answers_an_html_page_that_reads_the_document()
    {
        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder));

        var response = await host.Client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Switched_off_the_document_and_scalar_are_not_served()
    {
        // On by default: the same deployment serves both, so the 404s below are the switch's doing.
        using var defaults = new TempFolder();
        await using (var on = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(defaults)))
        {
            Assert.Equal(HttpStatusCode.OK, (await on.Client.GetAsync("/openapi/v1.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await on.Client.GetAsync("/scalar")).StatusCode);
        }

        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder), arguments: ["--ApiDocument:Enabled=false"]);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task Browser_switched_off_keeps_the_document()
    {
        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder), arguments: ["--ApiDocument:Browser=false"]);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/scalar")).StatusCode);
    }

    internal static async Task<JsonElement> GetDocumentAsync(LoopbackHost host)
    {
        var response = await host.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
