using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language;
using Webhooks.Modular.Conditions.Expression.Language.Ast;
using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

public sealed class ParserTests
{
    [Theory]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c", "((a and b) or c)")]
    [InlineData("a || b && c", "(a or (b and c))")]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    [InlineData("a or b or c", "(a or b or c)")]
    [InlineData("a and b and c or d", "((a and b and c) or d)")]
    [InlineData("not a == b", "(not (a == b))")]
    [InlineData("!a == b", "(not (a == b))")]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("!!a", "(not (not a))")]
    [InlineData("a == 1 or b != 'x'", "((a == 1) or (b != 'x'))")]
    [InlineData("a < 1 and b <= 2 and c > 3 and d >= 4", "((a < 1) and (b <= 2) and (c > 3) and (d >= 4))")]
    [InlineData("a contains 'x' or a startsWith 'y' or a endsWith 'z'", "((a contains 'x') or (a startsWith 'y') or (a endsWith 'z'))")]
    [InlineData("not a in [1, 'x', true, false, null]", "(not (a in [1, 'x', true, false, null]))")]
    [InlineData("a in []", "(a in [])")]
    [InlineData("((a))", "a")]
    public void Operators_bind_by_precedence_or_and_not_comparison(string text, string expected)
    {
        Assert.Equal(expected, ExpressionLanguage.Parse(text).ToString());
    }

    [Theory]
    [InlineData("{{ trigger.body.hello == 'world' }}")]
    [InlineData("{{trigger.body.hello=='world'}}")]
    [InlineData("  {{ trigger.body.hello == 'world' }}  ")]
    [InlineData("trigger.body.hello == 'world'")]
    [InlineData("  trigger.body.hello   ==\n'world'  ")]
    public void Kestra_wrapper_and_bare_form_parse_the_same(string text)
    {
        var parsed = ExpressionLanguage.Parse(text);

        Assert.Equal("(trigger.body.hello == 'world')", parsed.ToString());
        Assert.Equal(text, parsed.Text);
        Assert.True(parsed.Evaluate(SampleRoot.Root).IsTrue);
    }

    [Theory]
    [InlineData("trigger.body.hello", "trigger.body.hello")]
    [InlineData("x['y z'][0].w", "x['y z'][0].w")]
    [InlineData("x[\"y\"]", "x.y")]
    [InlineData("x . y [ 2 ]", "x.y[2]")]
    [InlineData("trigger.body.not.in.and.or.true.null.contains", "trigger.body.not.in.and.or.true.null.contains")]
    [InlineData("_private.café", "_private.café")]
    [InlineData("a['it\\'s']", "a['it\\'s']")]
    public void Paths_take_dotted_names_indexes_and_quoted_names(string text, string expected)
    {
        var path = Assert.IsType<PathNode>(ExpressionLanguage.Parse(text).Root);

        Assert.Equal(expected, path.ToString());
    }

    [Fact]
    public void Path_segments_are_names_or_indexes()
    {
        var path = Assert.IsType<PathNode>(ExpressionLanguage.Parse("trigger.headers['X-Kind'][0]").Root);

        Assert.Equal("trigger", path.Root);
        Assert.Equal(new[] { PathSegment.Property("headers"), PathSegment.Property("X-Kind"), PathSegment.At(0) }, path.Segments);
    }

    [Theory]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"""it's""", "it's")]
    [InlineData(@"'say ""hi""'", "say \"hi\"")]
    [InlineData(@"'back\\slash'", "back\\slash")]
    [InlineData(@"'a\/b'", "a/b")]
    [InlineData(@"'line\nbreak\ttab\rreturn'", "line\nbreak\ttab\rreturn")]
    [InlineData(@"'\b\f'", "\b\f")]
    [InlineData(@"'caf\u00e9 \u00C9'", "café É")]
    [InlineData("''", "")]
    [InlineData("'{{ not a placeholder }}'", "{{ not a placeholder }}")]
    public void Strings_take_single_or_double_quotes_and_backslash_escapes(string text, string expected)
    {
        var literal = Assert.IsType<LiteralNode>(ExpressionLanguage.Parse(text).Root);

        Assert.Equal(ValueKind.String, literal.Value.Kind);
        Assert.Equal(expected, literal.Value.String);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("1.50", "1.50")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("2e3", "2000")]
    [InlineData("2.5E-1", "0.25")]
    [InlineData("1e-40", "1E-40")]
    [InlineData("1e300", "1E+300")]
    public void Numbers_are_decimals_when_faithful_else_doubles(string text, string printed)
    {
        var literal = Assert.IsType<LiteralNode>(ExpressionLanguage.Parse(text).Root);

        Assert.Equal(ValueKind.Number, literal.Value.Kind);
        Assert.Equal(printed, literal.ToString());
    }

    [Theory]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    [InlineData("null", JsonValueKind.Null)]
    public void Keywords_true_false_null_are_literals(string text, JsonValueKind kind)
    {
        var parsed = ExpressionLanguage.Parse(text);

        Assert.IsType<LiteralNode>(parsed.Root);
        Assert.Equal(kind, parsed.Evaluate(default).Kind);
    }

    [Fact]
    public void Sixty_four_levels_of_nesting_parse()
    {
        Assert.Equal("true", ExpressionLanguage.Parse(new string('(', 64) + "true" + new string(')', 64)).ToString());
        Assert.NotNull(ExpressionLanguage.Parse(string.Concat(Enumerable.Repeat("not ", 64)) + "true"));
        Assert.NotNull(ExpressionLanguage.Parse(string.Concat(Enumerable.Repeat("(not ", 32)) + "true" + new string(')', 32)));
    }

    [Fact]
    public void Long_chains_are_not_nesting()
    {
        var text = string.Join(" or ", Enumerable.Repeat("a == 1", 400));

        var parsed = ExpressionLanguage.Parse(text);

        Assert.Equal(400, Assert.IsType<LogicalNode>(parsed.Root).Operands.Count);
        Assert.True(parsed.Evaluate(SampleRoot.Root).Succeeded);
    }

    [Fact]
    public void An_expression_of_exactly_the_limit_parses()
    {
        var text = "'" + new string('x', ExpressionLanguage.MaxLength - 2) + "'";

        Assert.Equal(ExpressionLanguage.MaxLength, text.Length);
        Assert.Equal(JsonValueKind.String, ExpressionLanguage.Parse(text).Evaluate(SampleRoot.Root).Kind);
    }

    [Fact]
    public void TryParse_reports_a_syntax_error_without_throwing()
    {
        Assert.False(ExpressionLanguage.TryParse("a ==", out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(5, error.Column);

        Assert.True(ExpressionLanguage.TryParse("a == 1", out parsed, out error));
        Assert.Null(error);
        Assert.Equal("a == 1", parsed.Text);
    }
}
