using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("Hello {{ trigger.body.hello }}!", "Hello world!")]
    [InlineData("{{trigger.body.hello}}", "world")]
    [InlineData("no placeholders", "no placeholders")]
    [InlineData("", "")]
    [InlineData("{{ trigger.body.number }}/{{ trigger.body.ratio }}", "42/0.5")]
    [InlineData("{{ trigger.body.hello }}{{ trigger.body.hello }}", "worldworld")]
    [InlineData("[{{ trigger.body.nothing }}][{{ trigger.body.missing }}]", "[][]")]
    [InlineData("draft={{ trigger.body.draft }}", "draft=false")]
    [InlineData("{{ trigger.body.labels }}", """["bug","urgent"]""")]
    [InlineData("{{ trigger.body.items[0] }}", """{"id":7}""")]
    [InlineData("{{ trigger.body.quote }}", "it's \"q\"")]
    [InlineData("{{ trigger.body.accent }} {{ trigger.body['odd keys'].missing }}", "é ")]
    [InlineData("{{ trigger.body.number > 40 and trigger.body.title startsWith 'WIP' }}", "true")]
    [InlineData("{{ 'a }} b' }}", "a }} b")]
    [InlineData("{{ \"{{\" }}", "{{")]
    [InlineData("lone }} and { braces }", "lone }} and { braces }")]
    [InlineData("line 1\n{{ trigger.headers['x-kind'][1] }}\nline 3", "line 1\nb\nline 3")]
    public void Placeholders_render_strings_raw_null_as_nothing_and_the_rest_as_json(string template, string expected)
    {
        Assert.Equal(expected, Template.Render(template, SampleRoot.Root));
    }

    [Fact]
    public void A_parsed_template_renders_many_times_and_lists_its_expressions()
    {
        var template = Template.Parse("#{{ trigger.body.number }} {{ trigger.body.title }}");

        Assert.Equal(new[] { "trigger.body.number", "trigger.body.title" }, template.Expressions.Select(e => e.ToString()));
        Assert.Equal("#42 WIP: fix it", template.Render(SampleRoot.Root));
        Assert.Equal("#42 WIP: fix it", template.Render(SampleRoot.Root));
    }

    [Fact]
    public void A_placeholder_that_fails_renders_as_nothing_and_is_reported()
    {
        var rendered = Template.Parse("x{{ 1 < 'a' }}y{{ trigger.body.hello }}").Render(SampleRoot.Root, out var errors);

        Assert.Equal("xyworld", rendered);
        Assert.Equal("{{ 1 < 'a' }}: column 7: '<' orders two numbers or two strings, not a number and a string", Assert.Single(errors));
    }

    [Theory]
    [InlineData("ab {{ a == }}", 12, "expected a value after '=='")]
    [InlineData("ok {{ a }} then {{ b", 17, "'{{' is not closed by '}}'")]
    [InlineData("{{ 'unclosed }}", 4, "the string is not closed")]
    [InlineData("{{ }}", 4, "expected a value")]
    [InlineData("x\n{{ a === b }}", 8, "unknown operator '==='")]
    public void Syntax_errors_are_reported_at_their_column_in_the_template(string template, int column, string problem)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Template.Parse(template));

        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_placeholder_has_the_expression_length_limit()
    {
        var longString = "'" + new string('x', ExpressionLanguage.MaxLength) + "'";

        var error = Assert.Throws<ExpressionSyntaxException>(() => Template.Parse("abc {{" + longString + "}}"));

        Assert.Equal(6 + ExpressionLanguage.MaxLength + 1, error.Column);
        Assert.Equal(new string('y', 10_000), Template.Render(new string('y', 10_000), SampleRoot.Root));
    }
}
