using System.Text.Json;
using Webhooks.Modular.Surfaces.Kestra.Trigger;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

public sealed class TriggerVariablesTests
{
    [Fact]
    public void A_json_object_body_is_the_parsed_object()
    {
        var body = Variables(Requests.With("""{ "hello": "world", "n": [1, 2] }""")).GetProperty("body");

        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal("world", body.GetProperty("hello").GetString());
        Assert.Equal(2, body.GetProperty("n").GetArrayLength());
    }

    [Fact]
    public void A_json_array_body_is_the_parsed_array()
    {
        var body = Variables(Requests.With("""[{"id":1},{"id":2}]""")).GetProperty("body");

        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(2, body[1].GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("hello=world&x=1")]
    [InlineData("{not json")]
    [InlineData("42")]
    [InlineData("\"a json string\"")]
    [InlineData("héllo <wörld> ✓")]
    public void Any_other_body_is_the_raw_text(string text) =>
        Assert.Equal(text, Variables(Requests.With(text)).GetProperty("body").GetString());

    [Fact]
    public void No_body_is_null() =>
        Assert.Equal(JsonValueKind.Null, Variables(Requests.With()).GetProperty("body").ValueKind);

    [Fact]
    public void Headers_and_parameters_map_each_name_to_its_list_of_values()
    {
        var variables = Variables(Requests.With(
            headers: new() { ["X-Event"] = ["push"], ["Accept"] = ["text/plain", "application/json"] },
            query: new() { ["tag"] = ["a", "b"], ["empty"] = [""] }));

        Assert.Equal(["push"], Strings(variables.GetProperty("headers").GetProperty("X-Event")));
        Assert.Equal(["text/plain", "application/json"], Strings(variables.GetProperty("headers").GetProperty("Accept")));
        Assert.Equal(["a", "b"], Strings(variables.GetProperty("parameters").GetProperty("tag")));
        Assert.Equal([""], Strings(variables.GetProperty("parameters").GetProperty("empty")));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("cookie")]
    [InlineData("Proxy-Authorization")]
    [InlineData("X-API-Key")]
    public void Credential_headers_are_redacted_as_in_stored_events(string name)
    {
        var headers = Variables(Requests.WithHeader(name, "Bearer secret-token")).GetProperty("headers");

        Assert.Equal(["[redacted]"], Strings(headers.GetProperty(name)));
        Assert.DoesNotContain("secret-token", headers.GetRawText());
    }

    [Fact]
    public void The_json_keeps_non_ascii_text_readable() =>
        Assert.Contains("🚀 <b>", TriggerVariables.ToJson(Requests.With("""{"m":"🚀 <b>"}""")));

    private static JsonElement Variables(Abstractions.Inbound.WebhookRequest request) =>
        JsonDocument.Parse(TriggerVariables.ToJson(request)).RootElement;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetString()!)];
}
