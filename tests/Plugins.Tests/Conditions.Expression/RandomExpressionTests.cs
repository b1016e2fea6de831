using System.Text;
using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

/// <summary>
/// Properties checked over generated expressions (fixed seeds, so a failure reproduces): parsing either succeeds or
/// throws <see cref="ExpressionSyntaxException"/> with a column inside the text; evaluating never throws.
/// </summary>
public sealed class RandomExpressionTests
{
    private static readonly string[] Paths =
    [
        "trigger.body.hello", "trigger.body.number", "trigger.body.ratio", "trigger.body.draft", "trigger.body.nothing",
        "trigger.body.missing", "trigger.body.labels", "trigger.body.labels[0]", "trigger.body.items[1].id",
        "trigger.body['odd keys']['x y']", "trigger.headers['X-Kind']", "trigger.headers", "trigger", "body.x.y[3]",
        "trigger.body.numbers", "trigger.body.in", "Case.EXACT",
    ];

    private static readonly string[] Literals = ["'world'", "\"x y\"", "''", "'it\\'s'", "42", "-1.5", "0", "1e3", "2.50", "true", "false", "null"];

    private static readonly string[] Comparisons = ["==", "!=", "<", "<=", ">", ">=", "contains", "startsWith", "endsWith"];

    private static readonly string[] Noise =
    [
        "(", ")", "[", "]", "'", "\"", "\\", ".", ",", "=", "!", "<", ">", "&", "|", "{{", "}}", "{", "}", "-", "0", "9",
        "and", "or", "not", "in", " ", "\n", "é", "\u0001", "\ud800", "~", "$", "e", "1e", "_",
    ];

    private static readonly JsonElement[] Roots =
    [
        SampleRoot.Root,
        default,
        JsonDocument.Parse("[1, 2, 3]").RootElement,
        JsonDocument.Parse("""{ "trigger": "flat", "body": [ { "x": { "y": [ 0, 1, 2, 3 ] } } ] }""").RootElement,
    ];

    [Fact]
    public void Generated_expressions_parse_print_back_and_evaluate_without_throwing()
    {
        var random = new Random(20_240_601);
        var succeeded = 0;
        for (var i = 0; i < 500; i++)
        {
            var text = Generate(random, 0);

            var parsed = ExpressionLanguage.Parse(text);

            // The printed form is itself an expression that reads the same way.
            Assert.Equal(parsed.ToString(), ExpressionLanguage.Parse(parsed.ToString()).ToString());
            foreach (var root in Roots)
            {
                var result = parsed.Evaluate(root);
                Assert.True(result.Succeeded || result.Error!.StartsWith("column ", StringComparison.Ordinal), result.Error);
                _ = result.ToText();
                _ = result.ToJson();
                succeeded += result.Succeeded ? 1 : 0;
            }
        }

        // The generator is not degenerate: plenty evaluate, plenty fail on types.
        Assert.InRange(succeeded, 200, 1900);
    }

    [Fact]
    public void Mangled_expressions_either_parse_or_fail_with_a_column_inside_the_text()
    {
        var random = new Random(7);
        var parsedCount = 0;
        for (var i = 0; i < 600; i++)
        {
            var text = Mangle(random, Generate(random, 0));

            ParsedExpression parsed;
            try
            {
                parsed = ExpressionLanguage.Parse(text);
            }
            catch (ExpressionSyntaxException e)
            {
                Assert.InRange(e.Column, 1, text.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(e.Problem));
                continue;
            }

            parsedCount++;
            foreach (var root in Roots)
            {
                _ = parsed.Evaluate(root).ToText();
            }
        }

        Assert.InRange(parsedCount, 10, 590);
    }

    [Fact]
    public void Mangled_templates_either_parse_or_fail_with_a_column_inside_the_text()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var text = Mangle(random, $"pre {{{{ {Generate(random, 2)} }}}} mid {{{{{Generate(random, 2)}}}}} post");
            try
            {
                _ = Template.Parse(text).Render(SampleRoot.Root);
            }
            catch (ExpressionSyntaxException e)
            {
                Assert.InRange(e.Column, 1, text.Length + 1);
            }
        }
    }

    private static string Generate(Random random, int depth)
    {
        var choice = depth >= 4 ? random.Next(3) : random.Next(10);
        var text = choice switch
        {
            0 or 1 => Operand(random),
            2 => $"{Operand(random)} {Pick(random, Comparisons)} {Operand(random)}",
            3 => $"{Operand(random)} in [{string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => Pick(random, Literals)))}]",
            4 => $"{(random.Next(2) == 0 ? "not " : "!")}{Generate(random, depth + 1)}",
            5 => $"{Generate(random, depth + 1)} {(random.Next(2) == 0 ? "and" : "&&")} {Generate(random, depth + 1)}",
            6 => $"{Generate(random, depth + 1)} {(random.Next(2) == 0 ? "or" : "||")} {Generate(random, depth + 1)}",
            7 => $"({Generate(random, depth + 1)})",
            8 => $"({Generate(random, depth + 1)}) == {Pick(random, Literals)}",
            _ => $"{Operand(random)} {Pick(random, Comparisons)} {Operand(random)} {(random.Next(2) == 0 ? "and" : "or")} {Operand(random)} {Pick(random, Comparisons)} {Operand(random)}",
        };

        // A quarter of the whole expressions come in Kestra's wrapper.
        return depth == 0 && random.Next(4) == 0 ? $"{{{{ {text} }}}}" : text;
    }

    private static string Operand(Random random) => random.Next(2) == 0 ? Pick(random, Paths) : Pick(random, Literals);

    private static string Mangle(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0 when builder.Length > 0 && at < builder.Length:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, Pick(random, Noise));
                    break;
                default:
                    builder.Insert(at, Pick(random, Comparisons));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
