using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host.ApiDocument;

/// <summary>
/// The document describes what the routes really answer: every operation has an id and a summary, every successful
/// answer with a body has a schema, and the schema's property names are the ones the surface writes (DagNats, Danube and
/// Dograh write snake_case, Dagu and Kestra camelCase), checked against real answers.
/// </summary>
public sealed class ApiDocumentSchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_operation_has_an_id_and_summary_and_every_success_answer_with_content_a_schema()
    {
        await using var host = await LoopbackHost.StartAsync(AllSurfacesDeployment.Write(_folder));
        var document = await ApiDocumentTests.GetDocumentAsync(host);

        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString()))
                {
                    problems.Add($"{name}: no operationId");
                }

                if (!operation.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    problems.Add($"{name}: no summary");
                }

                foreach (var answer in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    if (!answer.Value.TryGetProperty("content", out var content))
                    {
                        continue;
                    }

                    foreach (var media in content.EnumerateObject())
                    {
                        if (!media.Value.TryGetProperty("schema", out var schema) || !Describes(schema))
                        {
                            problems.Add($"{name} {answer.Name} {media.Name}: no schema");
                        }
                    }
                }
            }
        }

        Assert.True(operations > 20, $"only {operations} operations: the deployment did not load the surfaces");
        Assert.True(problems.Count == 0, "the document lacks:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Schema_property_names_are_the_ones_each_surface_writes()
    {
        var config = AllSurfacesDeployment.Write(_folder);
        var deployment = JsonNode.Parse(File.ReadAllText(config))!;
        var danube = deployment["plugins"]!.AsArray().Single(p => (string?)p!["name"] == "Surfaces.Danube")!;
        danube["settings"]!["apiKeys"] = new JsonArray("file:danube.key");
        File.WriteAllText(config, deployment.ToJsonString());
        _folder.Write("danube.key", DanubeKey);
        await using var host = await LoopbackHost.StartAsync(config);
        var document = await ApiDocumentTests.GetDocumentAsync(host);

        // Danube (snake_case): a subscription created, listed and read, and an event published to it.
        var created = await AssertSameNamesAsync(host, document, "post", "/v1/webhooks", "201", Request(
            HttpMethod.Post, "/v1/webhooks", new { url = "https://example.com/webhooks/danube", events = new[] { "workflow.completed" }, description = "docs" }));
        Assert.True(created.TryGetProperty("is_active", out _), $"Danube writes snake_case: {created}");
        await AssertSameNamesAsync(host, document, "get", "/v1/webhooks", "200", Request(HttpMethod.Get, "/v1/webhooks"));
        await AssertSameNamesAsync(host, document, "post", "/v1/events", "202", Request(
            HttpMethod.Post, "/v1/events", new { @event = "workflow.completed", data = new { workflowId = "wf_1" } }));

        // DagNats (snake_case): its run list.
        await AssertSameNamesAsync(host, document, "get", "/v1/runs", "200", Request(HttpMethod.Get, "/v1/runs?trigger=orders"));
    }

    private const string DanubeKey = "danube-schema-test-key-0123456789abcdef";

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DanubeKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    /// <summary>
    /// The property names of the real answer to <paramref name="request"/> are all declared by the schema of
    /// <paramref name="method"/> <paramref name="route"/>'s <paramref name="status"/> answer, at every level (objects, and the
    /// first element of arrays); returns the answer.
    /// </summary>
    private static async Task<JsonElement> AssertSameNamesAsync(
        LoopbackHost host, JsonElement document, string method, string route, string status, HttpRequestMessage request)
    {
        using var _ = request;
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) == status, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {text}");
        var answer = JsonDocument.Parse(text).RootElement.Clone();
        var schema = document.GetProperty("paths").GetProperty(route).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Compare(document, schema, answer, $"{method.ToUpperInvariant()} {route} {status}");
        return answer;
    }

    private static void Compare(JsonElement document, JsonElement schema, JsonElement value, string where)
    {
        schema = Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            var declared = properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var written = value.EnumerateObject().Select(p => p.Name).ToList();
            var undeclared = written.Where(n => !declared.Contains(n)).ToList();
            Assert.True(undeclared.Count == 0, $"{where}: the answer has {string.Join(", ", undeclared)}, the schema only {string.Join(", ", declared)}");
            foreach (var property in value.EnumerateObject())
            {
                Compare(document, properties.GetProperty(property.Name), property.Value, $"{where}.{property.Name}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && schema.TryGetProperty("items", out var items))
        {
            Compare(document, items, value[0], $"{where}[0]");
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            Assert.StartsWith("#/components/schemas/", name);
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name["#/components/schemas/".Length..]);
        }

        // A nullable reference is written as anyOf [null, $ref]: the object's side is the one with properties.
        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    var resolved = Resolve(document, option);
                    if (resolved.TryGetProperty("properties", out _) || resolved.TryGetProperty("items", out _))
                    {
                        return resolved;
                    }
                }
            }
        }

        return schema;
    }

    /// <summary>A schema that says something: a type, a reference, properties, items or a combination; not <c>{}</c>.</summary>
    private static bool Describes(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && new[] { "type", "$ref", "properties", "items", "oneOf", "anyOf", "allOf" }.Any(k => schema.TryGetProperty(k, out _));
}
