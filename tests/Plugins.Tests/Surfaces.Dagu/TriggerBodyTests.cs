using System.Text.Json;
using Webhooks.Modular.Surfaces.Dagu.Trigger;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

public sealed class TriggerBodyTests
{
    [Fact]
    public void The_payload_field_is_the_payload_without_the_wrapper()
    {
        var input = TriggerBody.SelectInput(Requests.With("""{"dagRunId":"deploy-abc123","payload":{"branch":"main","commit":"abc123"}}"""));

        Assert.Equal("""{"branch":"main","commit":"abc123"}""", input);
    }

    [Fact]
    public void A_payload_field_of_any_json_type_is_serialized_as_it_is()
    {
        Assert.Equal("[1,2]", TriggerBody.SelectInput(Requests.With("""{"payload":[1, 2]}""")));
        Assert.Equal("\"text <b>\"", TriggerBody.SelectInput(Requests.With("""{"payload":"text <b>"}""")));
        Assert.Equal("null", TriggerBody.SelectInput(Requests.With("""{"payload":null}""")));
    }

    [Fact]
    public void Without_a_payload_field_a_json_body_is_the_payload_as_sent()
    {
        const string body = """{ "branch": "main", "dagRunId": "x-1" }""";

        Assert.Equal(body, TriggerBody.SelectInput(Requests.With(body)));
        Assert.Equal("[1,2,3]", TriggerBody.SelectInput(Requests.With("[1,2,3]")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("branch=main")]
    [InlineData("{not json")]
    public void Without_a_json_body_the_payload_is_an_empty_object(string body) =>
        Assert.Equal("{}", TriggerBody.SelectInput(Requests.With(body)));

    [Fact]
    public void Non_ascii_payload_text_stays_readable()
    {
        var input = TriggerBody.SelectInput(Requests.With("""{"payload":{"msg":"héllo & 'quotes'"}}"""));

        Assert.Equal("""{"msg":"héllo & 'quotes'"}""", input);
        Assert.Equal("héllo & 'quotes'", JsonDocument.Parse(input).RootElement.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("""{"dagRunId":"deploy-abc123","payload":{}}""", "deploy-abc123")]
    [InlineData("""{"dagRunId":"A_b-9"}""", "A_b-9")]
    [InlineData("""{"payload":{"dagRunId":"nested-is-not-it"}}""", null)]
    [InlineData("""{"dagRunId":null}""", null)]
    [InlineData("""{"branch":"main"}""", null)]
    [InlineData("""[{"dagRunId":"in-an-array"}]""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_dag_run_id_comes_from_the_top_level_field(string body, string? expected)
    {
        Assert.True(TriggerBody.TrySelectDagRunId(Requests.With(body), out var dagRunId, out var error));
        Assert.Equal(expected, dagRunId);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("""{"dagRunId":""}""")]
    [InlineData("""{"dagRunId":"has space"}""")]
    [InlineData("""{"dagRunId":"dot.ted"}""")]
    [InlineData("""{"dagRunId":"../../etc"}""")]
    [InlineData("""{"dagRunId":"colon:inside"}""")]
    [InlineData("""{"dagRunId":42}""")]
    [InlineData("""{"dagRunId":{"id":"x"}}""")]
    public void A_dag_run_id_that_is_not_1_to_64_safe_characters_is_refused(string body)
    {
        Assert.False(TriggerBody.TrySelectDagRunId(Requests.With(body), out var dagRunId, out var error));
        Assert.Null(dagRunId);
        Assert.Contains("dagRunId", error);
    }

    [Fact]
    public void A_dag_run_id_may_be_64_characters_but_not_65()
    {
        Assert.True(TriggerBody.TrySelectDagRunId(Requests.With($$"""{"dagRunId":"{{new string('x', 64)}}"}"""), out _, out _));
        Assert.False(TriggerBody.TrySelectDagRunId(Requests.With($$"""{"dagRunId":"{{new string('x', 65)}}"}"""), out _, out _));
    }
}
