using System.Text;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

public sealed class RequestValidatorTests
{
    // The request body of Danube's POST /v1/webhooks documentation, verbatim.
    private const string SeedBody = """
        {
            "url": "https://example.com/webhooks/danube",
            "events": ["tool.execution.completed", "tool.execution.failed"],
            "description": "Production monitoring"
          }
        """;

    [Fact]
    public void The_documented_body_is_a_valid_subscription()
    {
        Assert.True(DanubeCatalog.Validator().TryParseCreate(Bytes(SeedBody), out var webhook, out var error), error?.Message);

        Assert.Equal("https://example.com/webhooks/danube", webhook.Url);
        Assert.Equal(["tool.execution.completed", "tool.execution.failed"], webhook.Events);
        Assert.Equal("Production monitoring", webhook.Description);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed"]}""")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed"],"description":null}""")]
    public void Description_is_optional(string body)
    {
        Assert.True(DanubeCatalog.Validator().TryParseCreate(Bytes(body), out var webhook, out var error), error?.Message);

        Assert.Null(webhook.Description);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_the_url_is_kept_exactly()
    {
        const string url = "https://example.com:8443/hooks/danube?team=a&x=%20y#frag";

        Assert.True(DanubeCatalog.Validator().TryParseCreate(
            Bytes($$"""{"url":"{{url}}","events":["agent.spend.limit_approaching"],"is_active":false,"extra":[1]}"""), out var webhook, out var error), error?.Message);

        Assert.Equal(url, webhook.Url);
    }

    [Theory]
    [InlineData("", "body", "not valid JSON")]
    [InlineData("{", "body", "not valid JSON")]
    [InlineData("[]", "body", "must be a JSON object, not an array")]
    [InlineData("\"https://example.com\"", "body", "must be a JSON object, not a string")]
    [InlineData("null", "body", "must be a JSON object, not null")]
    [InlineData("""{"url":"https://a.example/h","url":"https://b.example/h","events":["workflow.failed"]}""", "body", "not valid JSON")]
    [InlineData("""{"events":["workflow.failed"]}""", "url", "url is required")]
    [InlineData("""{"url":null,"events":["workflow.failed"]}""", "url", "url must be a string, not null")]
    [InlineData("""{"url":42,"events":["workflow.failed"]}""", "url", "url must be a string, not a number")]
    [InlineData("""{"url":"","events":["workflow.failed"]}""", "url", "url must not be empty")]
    [InlineData("""{"url":"example.com/webhooks","events":["workflow.failed"]}""", "url", "url must be an absolute URL")]
    [InlineData("""{"url":"/webhooks/danube","events":["workflow.failed"]}""", "url", "url must be an absolute URL")]
    [InlineData("""{"url":" https://example.com/h","events":["workflow.failed"]}""", "url", "url must be an absolute URL")]
    [InlineData("""{"url":"https://exa mple.com/h","events":["workflow.failed"]}""", "url", "url must be an absolute URL")]
    [InlineData("""{"url":"http://example.com/h","events":["workflow.failed"]}""", "url", "url must start with https://")]
    [InlineData("""{"url":"ftp://example.com/h","events":["workflow.failed"]}""", "url", "url must start with https://")]
    [InlineData("""{"url":"https://user:pass@example.com/h","events":["workflow.failed"]}""", "url", "url must not contain a user name or password")]
    [InlineData("""{"url":"https://example.com/h"}""", "events", "events is required")]
    [InlineData("""{"url":"https://example.com/h","events":"workflow.failed"}""", "events", "events must be an array of event types, not a string")]
    [InlineData("""{"url":"https://example.com/h","events":null}""", "events", "events must be an array of event types, not null")]
    [InlineData("""{"url":"https://example.com/h","events":[]}""", "events", "events must list at least one event type; valid event types: tool.execution.completed, tool.execution.failed, workflow.completed, workflow.failed, agent.spend.limit_approaching")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed",7]}""", "events", "events[1] must be a string, not a number")]
    [InlineData("""{"url":"https://example.com/h","events":[["workflow.failed"]]}""", "events", "events[0] must be a string, not an array")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed","workflow.started"]}""", "events", "events[1]: 'workflow.started' is not a known event type; valid event types: tool.execution.completed, tool.execution.failed, workflow.completed, workflow.failed, agent.spend.limit_approaching")]
    [InlineData("""{"url":"https://example.com/h","events":["Workflow.Failed"]}""", "events", "'Workflow.Failed' is not a known event type")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.*"]}""", "events", "'workflow.*' is not a known event type")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed","workflow.completed","workflow.failed"]}""", "events", "events lists 'workflow.failed' more than once")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed"],"description":5}""", "description", "description must be a string, not a number")]
    [InlineData("""{"url":"https://example.com/h","events":["workflow.failed"],"description":{"text":"x"}}""", "description", "description must be a string, not an object")]
    public void Each_invalid_subscription_names_its_field(string body, string field, string message)
    {
        Assert.False(DanubeCatalog.Validator().TryParseCreate(Bytes(body), out var webhook, out var error));

        Assert.Null(webhook);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void A_url_may_be_2048_characters_but_not_more()
    {
        var prefix = "https://example.com/";
        var longest = prefix + new string('a', RequestValidator.MaxUrlLength - prefix.Length);
        var validator = DanubeCatalog.Validator();

        Assert.True(validator.TryParseCreate(Bytes($$"""{"url":"{{longest}}","events":["workflow.failed"]}"""), out _, out var error), error?.Message);
        Assert.False(validator.TryParseCreate(Bytes($$"""{"url":"{{longest}}a","events":["workflow.failed"]}"""), out _, out error));

        Assert.Equal("url", error.Field);
        Assert.Equal("url must be at most 2048 characters (it has 2049)", error.Message);
    }

    [Fact]
    public void A_description_may_be_500_characters_but_not_more()
    {
        var validator = DanubeCatalog.Validator();
        var longest = new string('d', RequestValidator.MaxDescriptionLength);

        Assert.True(validator.TryParseCreate(Bytes($$"""{"url":"https://e.example/h","events":["workflow.failed"],"description":"{{longest}}"}"""), out var webhook, out var error), error?.Message);
        Assert.Equal(longest, webhook.Description);
        Assert.False(validator.TryParseCreate(Bytes($$"""{"url":"https://e.example/h","events":["workflow.failed"],"description":"{{longest}}!"}"""), out _, out error));

        Assert.Equal("description", error.Field);
        Assert.Equal("description must be at most 500 characters (it has 501)", error.Message);
    }

    [Fact]
    public void Http_urls_are_taken_only_when_allowed()
    {
        const string body = """{"url":"http://127.0.0.1:5000/receiver","events":["workflow.failed"]}""";

        Assert.False(DanubeCatalog.Validator(allowHttp: false).TryParseCreate(Bytes(body), out _, out var refused));
        Assert.Equal("url", refused.Field);
        Assert.True(DanubeCatalog.Validator(allowHttp: true).TryParseCreate(Bytes(body), out var webhook, out var error), error?.Message);
        Assert.Equal("http://127.0.0.1:5000/receiver", webhook.Url);

        // Allowing http allows nothing else.
        Assert.False(DanubeCatalog.Validator(allowHttp: true).TryParseCreate(Bytes("""{"url":"ws://127.0.0.1/r","events":["workflow.failed"]}"""), out _, out error));
        Assert.Equal(("url", "url must start with https:// or http://"), (error.Field, error.Message));
    }

    [Fact]
    public void An_update_takes_any_of_its_fields()
    {
        var validator = DanubeCatalog.Validator();

        Assert.True(validator.TryParseUpdate(Bytes("""{"is_active":false}"""), out var changes, out var error), error?.Message);
        Assert.Equal(new WebhookChanges(null, null, null, false), changes);

        Assert.True(validator.TryParseUpdate(
            Bytes("""{"url":"https://new.example/h","events":["workflow.completed"],"description":"new","is_active":true}"""), out changes, out error), error?.Message);
        Assert.Equal("https://new.example/h", changes.Url);
        Assert.Equal(["workflow.completed"], changes.Events);
        Assert.Equal("new", changes.Description);
        Assert.True(changes.IsActive);
    }

    [Fact]
    public void An_update_with_a_null_description_clears_it()
    {
        Assert.True(DanubeCatalog.Validator().TryParseUpdate(Bytes("""{"description":null}"""), out var changes, out var error), error?.Message);

        Assert.Equal(string.Empty, changes.Description);
        Assert.Null(changes.Url);
        Assert.Null(changes.Events);
        Assert.Null(changes.IsActive);
    }

    [Theory]
    [InlineData("[1]", "body", "must be a JSON object")]
    [InlineData("not json", "body", "not valid JSON")]
    [InlineData("{}", "body", "give at least one of url, events, description, is_active")]
    [InlineData("""{"enabled":false}""", "body", "give at least one of url, events, description, is_active")]
    [InlineData("""{"url":"http://example.com/h"}""", "url", "url must start with https://")]
    [InlineData("""{"url":null}""", "url", "url must be a string")]
    [InlineData("""{"events":[]}""", "events", "events must list at least one event type")]
    [InlineData("""{"events":["nope"]}""", "events", "'nope' is not a known event type")]
    [InlineData("""{"events":["workflow.failed","workflow.failed"]}""", "events", "more than once")]
    [InlineData("""{"description":false}""", "description", "description must be a string, not a boolean")]
    [InlineData("""{"is_active":"false"}""", "is_active", "is_active must be true or false, not a string")]
    [InlineData("""{"is_active":null}""", "is_active", "is_active must be true or false, not null")]
    [InlineData("""{"is_active":true,"url":"relative/path"}""", "url", "url must be an absolute URL")]
    public void Each_invalid_update_names_its_field(string body, string field, string message)
    {
        Assert.False(DanubeCatalog.Validator().TryParseUpdate(Bytes(body), out var changes, out var error));

        Assert.Null(changes);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void An_event_keeps_its_data_as_sent()
    {
        const string data = """{ "tool_id": "t-1", "duration_ms": 1250, "nested": {"a": [1, 2.50]} }""";

        Assert.True(DanubeCatalog.Validator().TryParseEvent(
            Bytes($$"""{"event":"tool.execution.completed","data":{{data}}}"""), out var submission, out var error), error?.Message);

        Assert.Equal("tool.execution.completed", submission.Event);
        Assert.Equal(data, submission.DataJson);
    }

    [Theory]
    [InlineData("", "body", "not valid JSON")]
    [InlineData("[]", "body", "must be a JSON object")]
    [InlineData("""{"data":{}}""", "event", "event is required")]
    [InlineData("""{"event":1,"data":{}}""", "event", "event must be a string, not a number")]
    [InlineData("""{"event":"order.paid","data":{}}""", "event", "'order.paid' is not a known event type; valid event types: tool.execution.completed")]
    [InlineData("""{"event":"workflow.failed"}""", "data", "data is required")]
    [InlineData("""{"event":"workflow.failed","data":[1]}""", "data", "data must be a JSON object, not an array")]
    [InlineData("""{"event":"workflow.failed","data":"x"}""", "data", "data must be a JSON object, not a string")]
    [InlineData("""{"event":"workflow.failed","data":null}""", "data", "data must be a JSON object, not null")]
    public void Each_invalid_event_names_its_field(string body, string field, string message)
    {
        Assert.False(DanubeCatalog.Validator().TryParseEvent(Bytes(body), out var submission, out var error));

        Assert.Null(submission);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Contains(field, error.Message);
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("37", 37)]
    public void The_delivery_limit_is_1_to_100_and_20_by_default(string? text, int expected)
    {
        Assert.True(RequestValidator.TryParseLimit(text, out var limit, out var error), error?.Message);

        Assert.Equal(expected, limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5.0")]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("5,6")]
    [InlineData("99999999999")]
    public void A_bad_delivery_limit_names_limit(string text)
    {
        Assert.False(RequestValidator.TryParseLimit(text, out _, out var error));

        Assert.Equal("limit", error.Field);
        Assert.StartsWith("limit must be a whole number from 1 to 100", error.Message);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
