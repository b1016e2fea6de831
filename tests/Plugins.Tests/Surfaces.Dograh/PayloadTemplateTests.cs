using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.Dograh.Payloads;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>Dograh's payload templates: every string of the JSON template, keys too, with <c>{{path}}</c> placeholders.</summary>
public sealed class PayloadTemplateTests
{
    private const string RunUuid = "0199f0a1-7c2e-7b3d-9a44-5e6f70819203";

    /// <summary>The variables of a finished call, as <see cref="RunVariables"/> builds them.</summary>
    private static JsonObject Variables() => JsonNode.Parse($$"""
        {
          "workflow_run_id": 1207,
          "workflow_run_uuid": "{{RunUuid}}",
          "workflow_run_name": "Support line #1207",
          "workflow_id": 7,
          "workflow_name": "Support line",
          "initial_context": {
            "customer_name": "Ada Lovelace",
            "phone": "+15550100",
            "vip": true,
            "tier": null,
            "notes": "",
            "items": [ { "name": "kettle", "qty": 2 }, { "name": "toaster", "qty": 1 } ],
            "zero": 0
          },
          "gathered_context": { "resolution": "refund issued", "sentiment": "positive" },
          "cost_info": { "total_usd": 0.125, "llm": { "tokens": 1830 } },
          "annotations": {},
          "recording_url": "https://recordings.example/calls/42.wav",
          "transcript_url": null,
          "status": "succeeded",
          "error": null
        }
        """)!.AsObject();

    /// <summary>As the body is written: compact, with only what JSON requires escaped.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Render(string template) => PayloadTemplate.Render(JsonNode.Parse(template), Variables())!.ToJsonString(Relaxed);

    private static string Text(string text) => PayloadTemplate.RenderText(text, Variables());

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString(Relaxed);

    [Fact]
    public void The_documented_example_template_renders_the_documented_fields()
    {
        const string template = """
            {
              "run_id": "{{workflow_run_id}}",
              "customer": "{{initial_context.customer_name}}",
              "outcome": "{{gathered_context.resolution}}",
              "recording": "{{recording_url}}"
            }
            """;

        Assert.Equal(
            Compact("""
                {
                  "run_id": "1207",
                  "customer": "Ada Lovelace",
                  "outcome": "refund issued",
                  "recording": "https://recordings.example/calls/42.wav"
                }
                """),
            Render(template));
    }

    [Fact]
    public void A_string_that_is_exactly_one_placeholder_stays_a_string()
    {
        var rendered = PayloadTemplate.Render(JsonNode.Parse("""{"id":"{{workflow_id}}","vip":"{{initial_context.vip}}"}"""), Variables())!;

        Assert.Equal("""{"id":"7","vip":"true"}""", rendered.ToJsonString());
        Assert.Equal(JsonValueKind.String, rendered["id"]!.GetValueKind());
    }

    [Fact]
    public void Keys_are_rendered_too()
    {
        Assert.Equal(
            """{"Support line_run":"x","id-7":{"Ada Lovelace":"y"}}""",
            Render("""{"{{workflow_name}}_run":"x","id-{{ workflow_id }}":{"{{initial_context.customer_name}}":"y"}}"""));
    }

    [Fact]
    public void Nested_objects_and_arrays_are_rendered_and_other_values_kept()
    {
        Assert.Equal(
            """{"call":{"who":["Ada Lovelace",{"phone":"+15550100"}],"n":3,"ok":true,"none":null,"pi":3.140}}""",
            Render("""{"call":{"who":["{{initial_context.customer_name}}",{"phone":"{{initial_context.phone}}"}],"n":3,"ok":true,"none":null,"pi":3.140}}"""));
    }

    [Fact]
    public void Text_around_placeholders_is_kept()
    {
        Assert.Equal(
            "Run 1207 of Support line: succeeded (refund issued).",
            Text("Run {{workflow_run_id}} of {{workflow_name}}: {{status}} ({{gathered_context.resolution}})."));
    }

    [Theory]
    [InlineData("{{nope}}")]
    [InlineData("{{initial_context.nope}}")]
    [InlineData("{{initial_context.nope.deeper}}")]
    [InlineData("{{initial_context.customer_name.too_far}}")]
    [InlineData("{{initial_context.tier}}")]
    [InlineData("{{transcript_url}}")]
    [InlineData("{{error}}")]
    [InlineData("{{initial_context.items.9.name}}")]
    [InlineData("{{initial_context.items.-1.name}}")]
    [InlineData("{{initial_context.items.first.name}}")]
    [InlineData("{{initial_context.items.01.name}}")]
    [InlineData("{{initial_context.phone.0}}")]
    public void Missing_and_null_values_render_empty(string placeholder) =>
        Assert.Equal("[]", Text($"[{placeholder}]"));

    [Fact]
    public void Array_indexes_reach_into_lists()
    {
        Assert.Equal("kettle x2, toaster", Text("{{initial_context.items.0.name}} x{{initial_context.items.0.qty}}, {{ initial_context.items.1.name }}"));
    }

    [Fact]
    public void Objects_and_arrays_render_as_compact_json_text()
    {
        Assert.Equal("""{"resolution":"refund issued","sentiment":"positive"}""", Text("{{gathered_context}}"));
        Assert.Equal("""[{"name":"kettle","qty":2},{"name":"toaster","qty":1}]""", Text("{{initial_context.items}}"));
        Assert.Equal("{}", Text("{{annotations}}"));

        // As a value in a template it is a string holding the JSON text, escaped once by the body's serializer.
        Assert.Equal("""{"cost":"{\"total_usd\":0.125,\"llm\":{\"tokens\":1830}}"}""", Render("""{"cost":"{{cost_info}}"}"""));
    }

    [Fact]
    public void Numbers_and_booleans_render_as_their_json_text()
    {
        Assert.Equal("0.125|1830|true|0|7", Text("{{cost_info.total_usd}}|{{cost_info.llm.tokens}}|{{initial_context.vip}}|{{initial_context.zero}}|{{workflow_id}}"));
    }

    [Theory]
    [InlineData("{{initial_context.nope | unknown}}", "unknown")]
    [InlineData("{{initial_context.nope|unknown}}", "unknown")]
    [InlineData("{{ initial_context.nope | 'no answer' }}", "no answer")]
    [InlineData("{{ initial_context.nope | \"no answer\" }}", "no answer")]
    [InlineData("{{initial_context.nope | 'a | b'}}", "a | b")]
    [InlineData("{{initial_context.nope | a|b}}", "a|b")]
    [InlineData("{{initial_context.nope | }}", "")]
    [InlineData("{{initial_context.nope | ''}}", "")]
    [InlineData("{{initial_context.tier | standard}}", "standard")]
    [InlineData("{{initial_context.notes | none given}}", "none given")]
    [InlineData("{{transcript_url | n/a}}", "n/a")]
    [InlineData("{{initial_context.customer_name | someone}}", "Ada Lovelace")]
    [InlineData("{{initial_context.zero | 5}}", "0")]
    [InlineData("{{initial_context.vip | no}}", "true")]
    [InlineData("{{annotations | none}}", "none")]
    [InlineData("{{gathered_context | none}}", """{"resolution":"refund issued","sentiment":"positive"}""")]
    [InlineData("{{initial_context.nope | 'unbalanced}}", "'unbalanced")]
    public void A_default_stands_in_for_missing_null_or_empty_values(string text, string expected) =>
        Assert.Equal(expected, Text(text));

    [Theory]
    [InlineData("{{")]
    [InlineData("}}")]
    [InlineData("{{}}")]
    [InlineData("{{ }}")]
    [InlineData("{{ | x }}")]
    [InlineData("{{workflow_name")]
    [InlineData("workflow_name}}")]
    [InlineData("{ {workflow_name} }")]
    [InlineData("{workflow_name}")]
    [InlineData("{{ not a path }}")]
    [InlineData("{{a..b}}")]
    [InlineData("{{.workflow_name}}")]
    [InlineData("{{workflow_name.}}")]
    [InlineData("{{workflow_name()}}")]
    [InlineData("{{ workflow_name }")]
    [InlineData("${workflow_name}")]
    public void Malformed_braces_are_left_as_they_are(string text) =>
        Assert.Equal(text, Text(text));

    [Fact]
    public void Extra_braces_around_a_placeholder_stay_as_text()
    {
        Assert.Equal("{Support line}", Text("{{{workflow_name}}}"));
        Assert.Equal("{{ Support line", Text("{{ {{workflow_name}}"));
        Assert.Equal("Support line}} x", Text("{{workflow_name}}}} x"));
    }

    [Fact]
    public void Rendered_values_are_not_rendered_again()
    {
        var variables = Variables();
        variables["initial_context"]!["customer_name"] = "{{workflow_name}} {{cost_info}}";

        Assert.Equal("{{workflow_name}} {{cost_info}}!", PayloadTemplate.RenderText("{{initial_context.customer_name}}!", variables));
    }

    [Fact]
    public void Keys_that_render_alike_keep_the_last_value()
    {
        Assert.Equal("""{"Support line":"second"}""", Render("""{"{{workflow_name}}":"first","Support line":"second"}"""));
    }

    [Fact]
    public void A_template_that_is_not_an_object_is_rendered_as_it_is()
    {
        Assert.Equal("\"7\"", Render("\"{{workflow_id}}\""));
        Assert.Equal("""["Support line",1]""", Render("""["{{workflow_name}}",1]"""));
        Assert.Equal("42", Render("42"));
        Assert.Equal("null", PayloadTemplate.Render(null, Variables())?.ToJsonString() ?? "null");
    }

    [Fact]
    public void The_template_itself_is_left_unchanged()
    {
        var template = JsonNode.Parse("""{"{{workflow_id}}":["{{workflow_name}}"]}""")!;
        var before = template.ToJsonString();

        PayloadTemplate.Render(template, Variables());
        var again = PayloadTemplate.Render(template, Variables())!;

        Assert.Equal(before, template.ToJsonString());
        Assert.Equal("""{"7":["Support line"]}""", again.ToJsonString());
    }

    [Fact]
    public void Many_open_braces_without_a_close_are_handled_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("{{ workflow_name ", 50_000)) + string.Concat(Enumerable.Repeat("{{", 100_000));
        var clock = Stopwatch.StartNew();

        var rendered = Text(text);

        Assert.Equal(text, rendered);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Many_placeholders_and_a_close_far_away_are_handled_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("{{a ", 100_000)) + "}}" + string.Concat(Enumerable.Repeat("{{workflow_id}}", 20_000));
        var clock = Stopwatch.StartNew();

        var rendered = Text(text);

        Assert.EndsWith(string.Concat(Enumerable.Repeat("7", 20_000)), rendered);
        Assert.StartsWith("{{a {{a ", rendered);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_very_long_path_is_just_missing()
    {
        var path = string.Join('.', Enumerable.Repeat("initial_context", 10_000));

        Assert.Equal("<>", Text("<{{" + path + "}}>"));
    }

    [Fact]
    public void Random_text_never_throws_and_text_without_placeholders_is_unchanged()
    {
        var random = new Random(20261122);
        const string alphabet = "{}|.'\" _-0123456789abcxyzé\n\\\0";
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var j = 0; j < length; j++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = builder.ToString();
            var rendered = Text(text);
            if (!text.Contains("{{", StringComparison.Ordinal))
            {
                Assert.Equal(text, rendered);
            }
        }
    }
}
