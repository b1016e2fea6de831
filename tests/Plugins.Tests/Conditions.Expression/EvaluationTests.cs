using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

public sealed class EvaluationTests
{
    [Theory]
    [InlineData("trigger.body.hello == 'world'", true)]
    [InlineData("trigger.body.hello == \"world\"", true)]
    [InlineData("trigger.body.hello == 'World'", false)]
    [InlineData("trigger.body.hello != 'world'", false)]
    [InlineData("trigger.body.hello != 'mars'", true)]
    [InlineData("trigger.body.number == 42", true)]
    [InlineData("trigger.body.number != 43", true)]
    [InlineData("trigger.body.draft == false", true)]
    [InlineData("trigger.body.merged == true", true)]
    [InlineData("trigger.body.nothing == null", true)]
    [InlineData("trigger.body.quote == 'it\\'s \"q\"'", true)]
    [InlineData("trigger.body.accent == '\\u00e9'", true)]
    [InlineData("trigger.body.labels == trigger.body.labels", true)]
    [InlineData("trigger.body.items[0] == trigger.body.items[0]", true)]
    [InlineData("trigger.body.items[0] == trigger.body.items[1]", false)]
    [InlineData("trigger.body.items == trigger.body.labels", false)]
    [InlineData("trigger == trigger", true)]
    public void Equality_compares_values_of_the_same_kind(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("1 == 1.0", true)]
    [InlineData("1.50 == 1.5", true)]
    [InlineData("trigger.body.number == 42.0", true)]
    [InlineData("trigger.body.number == 4.2e1", true)]
    [InlineData("trigger.body.ratio == 0.5", true)]
    [InlineData("0.1 == 0.10", true)]
    [InlineData("2e3 == 2000", true)]
    [InlineData("-1 < 0", true)]
    [InlineData("1e-40 > 0", true)]
    [InlineData("1e300 > 79228162514264337593543950335", true)]
    [InlineData("trigger.body.numbers[1] > 2.4999", true)]
    public void Numbers_compare_by_value_whatever_their_form(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.number > 41", true)]
    [InlineData("trigger.body.number > 42", false)]
    [InlineData("trigger.body.number >= 42", true)]
    [InlineData("trigger.body.number < 42", false)]
    [InlineData("trigger.body.number <= 42", true)]
    [InlineData("trigger.body.number < 100", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'abc' <= 'abc'", true)]
    [InlineData("'abd' > 'abc'", true)]
    [InlineData("'10' < '9'", true)]
    [InlineData("trigger.parameters.page[0] >= '2'", true)]
    public void Ordering_compares_numbers_numerically_and_strings_ordinally(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("1 == '1'", false)]
    [InlineData("trigger.body.number == '42'", false)]
    [InlineData("trigger.body.number != '42'", true)]
    [InlineData("true == 'true'", false)]
    [InlineData("null == false", false)]
    [InlineData("null == ''", false)]
    [InlineData("0 == false", false)]
    [InlineData("trigger.body.labels == 'bug'", false)]
    [InlineData("trigger.body == 'x'", false)]
    public void Equality_across_kinds_is_false_not_an_error(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("1 < '2'", 3, "'<' orders two numbers or two strings, not a number and a string")]
    [InlineData("trigger.body.hello >= 1", 20, "'>=' orders two numbers or two strings, not a string and a number")]
    [InlineData("true < false", 6, "not a boolean and a boolean")]
    [InlineData("trigger.body.missing > 1", 22, "not null and a number")]
    [InlineData("trigger.body.labels <= trigger.body.items", 21, "not an array and an array")]
    public void Ordering_across_kinds_is_an_evaluation_error(string expression, int column, string problem)
    {
        var result = SampleRoot.Evaluate(expression);

        Assert.False(result.Succeeded);
        Assert.False(result.IsTrue);
        Assert.Equal(JsonValueKind.Undefined, result.Kind);
        Assert.StartsWith($"column {column}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trigger.body.missing == null")]
    [InlineData("trigger.body.missing.deeper == null")]
    [InlineData("trigger.nope.deeper == null")]
    [InlineData("nothing == null")]
    [InlineData("trigger.body.hello.length == null")]
    [InlineData("trigger.body.labels[2] == null")]
    [InlineData("trigger.body.labels[2147483647] == null")]
    [InlineData("trigger.body.labels.first == null")]
    [InlineData("trigger.body.number[0] == null")]
    [InlineData("trigger.body.missing != 'x'")]
    [InlineData("not (trigger.body.missing == 'x')")]
    public void Missing_path_is_null(string expression)
    {
        Assert.True(Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.labels[0] == 'bug'")]
    [InlineData("trigger.body.labels[1] == 'urgent'")]
    [InlineData("trigger.body.items[1].id == 8")]
    [InlineData("trigger.body['items'][0]['id'] == 7")]
    [InlineData("trigger.body['odd keys']['x y'] == 'spaced'")]
    [InlineData("trigger.body[\"odd keys\"][0] == 'zero'")]
    [InlineData("trigger.body.nested.a.b == 'deep'")]
    [InlineData("trigger.body.in == 'keyword'")]
    [InlineData("trigger.headers['X-Kind'][0] == 'a'")]
    [InlineData("trigger.headers['X-Kind'][1] == 'b'")]
    public void Paths_index_arrays_and_name_properties(string expression)
    {
        Assert.True(Holds(expression));
    }

    [Theory]
    [InlineData("Case.exact == 1")]
    [InlineData("Case.EXACT == 2")]
    [InlineData("Case.Exact == 1")]
    [InlineData("Case.only == 3")]
    [InlineData("case.only == 3")]
    [InlineData("trigger.headers['x-kind'][0] == 'a'")]
    [InlineData("TRIGGER.BODY.HELLO == 'world'")]
    public void Names_match_exactly_first_then_regardless_of_case(string expression)
    {
        Assert.True(Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.hello in ['world', 'mars']", true)]
    [InlineData("trigger.body.hello in ['mars']", false)]
    [InlineData("trigger.body.hello in []", false)]
    [InlineData("trigger.body.number in [1, 42.0]", true)]
    [InlineData("trigger.body.number in ['42']", false)]
    [InlineData("trigger.body.nothing in [null]", true)]
    [InlineData("trigger.body.missing in ['a']", false)]
    [InlineData("trigger.body.draft in [true, false]", true)]
    [InlineData("not trigger.body.hello in ['mars']", true)]
    public void In_holds_when_the_value_equals_one_of_the_literals(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.title contains 'WIP'", true)]
    [InlineData("trigger.body.title contains 'wip'", false)]
    [InlineData("trigger.body.title contains ''", true)]
    [InlineData("trigger.body.labels contains 'urgent'", true)]
    [InlineData("trigger.body.labels contains 'feature'", false)]
    [InlineData("trigger.body.labels contains trigger.body.labels[0]", true)]
    [InlineData("trigger.body.numbers contains 2.50", true)]
    [InlineData("trigger.body.numbers contains '1'", false)]
    [InlineData("trigger.body.items contains trigger.body.items[1]", true)]
    [InlineData("trigger.headers contains 'x-kind'", true)]
    [InlineData("trigger.headers contains 'X-Other'", false)]
    [InlineData("trigger.body.missing contains 'x'", false)]
    public void Contains_finds_substrings_array_elements_and_object_keys(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.title startsWith 'WIP:'", true)]
    [InlineData("trigger.body.title startsWith 'wip:'", false)]
    [InlineData("trigger.body.title endsWith 'fix it'", true)]
    [InlineData("trigger.body.title endsWith 'WIP'", false)]
    [InlineData("trigger.body.title startsWith ''", true)]
    [InlineData("trigger.body.missing startsWith 'x'", false)]
    [InlineData("trigger.body.missing endsWith 'x'", false)]
    public void StartsWith_and_endsWith_compare_text_ordinally(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.number contains 4", 21, "'contains' works on a string, an array or an object, not a number")]
    [InlineData("trigger.body.title contains 1", 20, "'contains' on a string needs a string on the right, not a number")]
    [InlineData("trigger.headers contains 1", 17, "'contains' on an object needs a string on the right")]
    [InlineData("1 startsWith '1'", 3, "'startsWith' needs two strings, not a number and a string")]
    [InlineData("trigger.body.title endsWith trigger.body.missing", 20, "'endsWith' needs two strings, not a string and null")]
    [InlineData("not trigger.body.hello", 1, "'not' needs true or false, not a string")]
    [InlineData("!trigger.body.missing", 1, "'not' needs true or false, not null")]
    [InlineData("trigger.body.hello and true", 1, "'and' needs true or false on each side, not a string")]
    [InlineData("true && 1", 9, "'and' needs true or false on each side, not a number")]
    [InlineData("false or trigger.body.labels", 10, "'or' needs true or false on each side, not an array")]
    [InlineData("true and (1 < 'x')", 13, "'<' orders two numbers or two strings")]
    public void Type_errors_are_evaluation_errors_naming_the_column(string expression, int column, string problem)
    {
        var result = SampleRoot.Evaluate(expression);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"column {column}: {problem}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true and true", true)]
    [InlineData("true and false", false)]
    [InlineData("false or true", true)]
    [InlineData("false or false", false)]
    [InlineData("true && !false", true)]
    [InlineData("false || !true", false)]
    [InlineData("not false", true)]
    [InlineData("not not true", true)]
    [InlineData("true or false and false", true)]
    [InlineData("(true or false) and false", false)]
    [InlineData("not 1 == 2", true)]
    [InlineData("trigger.body.hello == 'world' and trigger.body.number > 40 and not trigger.body.draft", true)]
    public void Boolean_operators_follow_their_precedence(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("false and (1 < 'x')", false)]
    [InlineData("true or (1 < 'x')", true)]
    [InlineData("trigger.body.missing != null and trigger.body.missing > 3", false)]
    [InlineData("false and trigger.body.hello", false)]
    public void And_and_or_stop_once_the_answer_is_known(string expression, bool expected)
    {
        Assert.Equal(expected, Holds(expression));
    }

    [Theory]
    [InlineData("trigger.body.hello", JsonValueKind.String, "world", "\"world\"")]
    [InlineData("trigger.body.number", JsonValueKind.Number, "42", "42")]
    [InlineData("trigger.body.ratio", JsonValueKind.Number, "0.5", "0.5")]
    [InlineData("1.50", JsonValueKind.Number, "1.50", "1.50")]
    [InlineData("trigger.body.merged", JsonValueKind.True, "true", "true")]
    [InlineData("trigger.body.draft", JsonValueKind.False, "false", "false")]
    [InlineData("trigger.body.nothing", JsonValueKind.Null, "", "null")]
    [InlineData("trigger.body.missing", JsonValueKind.Null, "", "null")]
    [InlineData("trigger.body.labels", JsonValueKind.Array, "[\"bug\",\"urgent\"]", "[\"bug\",\"urgent\"]")]
    [InlineData("trigger.body.nested", JsonValueKind.Object, "{\"a\":{\"b\":\"deep\"}}", "{\"a\":{\"b\":\"deep\"}}")]
    [InlineData("trigger.body.accent", JsonValueKind.String, "é", "\"é\"")]
    [InlineData("'say \"hi\"'", JsonValueKind.String, "say \"hi\"", "\"say \\\"hi\\\"\"")]
    public void Results_carry_their_kind_text_and_json(string expression, JsonValueKind kind, string text, string json)
    {
        var result = SampleRoot.Evaluate(expression);

        Assert.True(result.Succeeded);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(text, result.ToText());
        Assert.Equal(json, result.ToJson());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    public void A_root_that_is_not_an_object_has_no_variables(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;

        Assert.True(ExpressionLanguage.Parse("a == null and a.b[0] == null").Evaluate(root).IsTrue);
        Assert.True(ExpressionLanguage.Parse("x == null").Evaluate(default).IsTrue);
    }

    [Fact]
    public void Evaluation_reaches_only_the_root()
    {
        // Names that mean something to .NET or to a script engine are only property names here.
        var root = JsonDocument.Parse("""{ "a": "x" }""").RootElement;

        foreach (var text in new[] { "a.Length == null", "a.GetType == null", "constructor == null", "a['__proto__'] == null", "this == null", "Environment == null" })
        {
            Assert.True(ExpressionLanguage.Parse(text).Evaluate(root).IsTrue, text);
        }
    }

    [Fact]
    public void A_string_escaping_a_lone_surrogate_is_compared_and_rendered_without_throwing()
    {
        // System.Text.Json accepts "\ud800" in a document but will not turn it into a .NET string.
        var root = JsonDocument.Parse("""{ "o": { "a": "\ud800" }, "\udc00": 1 }""").RootElement;

        Assert.True(ExpressionLanguage.Parse("o.a != 'x' and b == null").Evaluate(root).IsTrue);
        Assert.Equal(@"\ud800", ExpressionLanguage.Parse("o.a").Evaluate(root).ToText());
        Assert.Equal("""{ "a": "\ud800" }""", ExpressionLanguage.Parse("o").Evaluate(root).ToJson());
    }

    [Fact]
    public void A_parsed_expression_is_evaluated_the_same_from_many_threads()
    {
        var parsed = ExpressionLanguage.Parse("trigger.body.labels contains 'urgent' and trigger.body.number > 41");

        Parallel.For(0, 1000, _ => Assert.True(parsed.Evaluate(SampleRoot.Root).IsTrue));
    }

    private static bool Holds(string expression)
    {
        var result = SampleRoot.Evaluate(expression);
        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Kind is JsonValueKind.True or JsonValueKind.False, $"{expression} gave {result.Kind}");
        return result.IsTrue;
    }
}
