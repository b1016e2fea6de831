using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Tests.Pipeline;

/// <summary>How <see cref="WebhookRequest.Json"/> shows a form-encoded body, field by field.</summary>
public sealed class FormBodyTests
{
    [Fact]
    public void Form_fields_are_decoded_strings_and_a_repeated_field_is_an_array()
    {
        var json = Request("a=1&tag=x&b=two+words%21&tag=y&empty=", "application/x-www-form-urlencoded; charset=utf-8").Json!.Value;

        Assert.Equal("""{"a":"1","tag":["x","y"],"b":"two words!","empty":""}""", json.GetRawText());
    }

    [Fact]
    public void Only_a_payload_field_holding_json_is_parsed()
    {
        var body = "payload=" + Uri.EscapeDataString("""{"type":"block_actions","n":1}""") + "&text=" + Uri.EscapeDataString("""{"not":"parsed"}""");

        var json = Request(body, "application/x-www-form-urlencoded").Json!.Value;

        Assert.Equal(JsonValueKind.Object, json.GetProperty("payload").ValueKind);
        Assert.Equal("block_actions", json.GetProperty("payload").GetProperty("type").GetString());
        Assert.Equal("""{"not":"parsed"}""", json.GetProperty("text").GetString());
    }

    [Fact]
    public void Payload_field_that_is_not_json_stays_text()
    {
        var json = Request("payload=%7Bbroken", "application/x-www-form-urlencoded").Json!.Value;

        Assert.Equal("{broken", json.GetProperty("payload").GetString());
    }

    [Fact]
    public void Json_body_labelled_as_a_form_is_still_read_as_json()
    {
        var request = Request("""{"action":"opened"}""", "application/x-www-form-urlencoded");

        Assert.Null(request.Form);
        Assert.Equal("opened", request.Json!.Value.GetProperty("action").GetString());
    }

    [Fact]
    public void Form_body_without_the_form_content_type_is_not_a_form()
    {
        var request = Request("a=1", "text/plain");

        Assert.Null(request.Form);
        Assert.Null(request.Json);
    }

    private static WebhookRequest Request(string body, string contentType) => new()
    {
        RequestId = "r",
        HookName = "h",
        Method = "POST",
        Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = [contentType] },
        Body = Encoding.UTF8.GetBytes(body),
    };
}
