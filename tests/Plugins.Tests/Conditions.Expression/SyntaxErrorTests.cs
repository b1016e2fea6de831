using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

public sealed class SyntaxErrorTests
{
    [Theory]
    // A missing operand is reported where it should be: at the end of the text, or at the closing '}}'.
    [InlineData("trigger.body.hello ==", 22, "expected a value after '==', found the end of the expression")]
    [InlineData("trigger.body.hello == ", 23, "expected a value after '=='")]
    [InlineData("{{ trigger.body.hello == }}", 26, "expected a value after '=='")]
    [InlineData("", 1, "expected a value, found the end of the expression")]
    [InlineData("   ", 4, "expected a value")]
    [InlineData("{{ }}", 4, "expected a value")]
    [InlineData("a and", 6, "expected a value after 'and'")]
    [InlineData("a or or b", 6, "expected a value after 'or', found 'or'")]
    [InlineData("not", 4, "expected a value after 'not'")]
    [InlineData("a == and b", 6, "expected a value after '=='")]
    // Strings.
    [InlineData("'unclosed", 1, "the string is not closed; end it with '")]
    [InlineData("a == \"unclosed", 6, "the string is not closed; end it with \"")]
    [InlineData("a == 'ends with a backslash\\", 6, "the string is not closed")]
    [InlineData(@"a == 'x\q'", 8, @"unknown escape '\q'")]
    [InlineData(@"'\u12'", 2, @"'\u' must be followed by four hex digits")]
    [InlineData(@"'\uZZZZ'", 2, @"'\u' must be followed by four hex digits")]
    // Parentheses.
    [InlineData("(a == 1", 8, "expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("((a == 1)", 10, "expected ')' to close the '(' at column 1")]
    [InlineData("a == 1)", 7, "unexpected ')' without a matching '('")]
    [InlineData("(a))", 4, "unexpected ')' without a matching '('")]
    [InlineData("()", 2, "expected a value after '(', found ')'")]
    // Operators that are not the language's.
    [InlineData("a === b", 3, "unknown operator '==='; use '=='")]
    [InlineData("a !== b", 3, "unknown operator '!=='; use '!='")]
    [InlineData("a = b", 3, "'=' is not an operator; use '=='")]
    [InlineData("a <> b", 3, "unknown operator '<>'")]
    [InlineData("a <== b", 3, "unknown operator '<=='")]
    [InlineData("a & b", 3, "'&' is not an operator; use '&&' or 'and'")]
    [InlineData("a | b", 3, "'|' is not an operator")]
    [InlineData("a ~ b", 3, "unexpected character '~'")]
    [InlineData("a + 1", 3, "unexpected character '+'")]
    [InlineData("a - 1", 3, "'-' must start a number")]
    [InlineData("a AND b", 3, "write 'and'")]
    [InlineData("True", 1, "write 'true'")]
    [InlineData("a b", 3, "unexpected 'b'; expected an operator or the end of the expression")]
    [InlineData("a 'x'", 3, "unexpected the string 'x'; expected an operator")]
    [InlineData("a.b 42", 5, "unexpected the number 42")]
    [InlineData("a == b == c", 8, "'==' cannot follow '==' directly; add parentheses")]
    [InlineData("a < b in [1]", 7, "'in' cannot follow '<' directly")]
    [InlineData("a == not b", 6, "expected a value after '==', found 'not'")]
    // Paths and lists.
    [InlineData("a.0", 3, "index an array with [0]")]
    [InlineData("a.", 3, "expected a property name after '.'")]
    [InlineData("a[-1]", 3, "an index must be a whole number")]
    [InlineData("a[1.5]", 3, "an index must be a whole number")]
    [InlineData("a[b]", 3, "expected an index such as [0] or a quoted name")]
    [InlineData("a[0", 4, "expected ']' to close the '[' at column 2")]
    [InlineData("a in b", 6, "expected a list such as ['a', 'b'] after 'in'")]
    [InlineData("a in [b]", 7, "expected a string, number, true, false or null in the list")]
    [InlineData("a in [1, 2", 11, "expected ',' or ']' to close the '[' at column 6")]
    [InlineData("a in [1 2]", 9, "expected ',' or ']'")]
    // Numbers.
    [InlineData("1abc", 1, "'1abc' is not a number")]
    [InlineData("a == 1e999", 6, "the number 1e999 is too large")]
    // The wrapper: once, around the whole expression.
    [InlineData("{{ a }} and {{ b }}", 6, "unexpected '}}': the {{ ... }} wrapper must enclose the whole expression, once")]
    [InlineData("{{ {{ a }} }}", 4, "unexpected '{{'")]
    [InlineData("{{ a", 1, "'{{' is not closed by '}}'")]
    [InlineData("  {{ a }", 3, "'{{' is not closed by '}}'")]
    [InlineData("a }}", 3, "unexpected '}}'")]
    [InlineData("a == '}}' }}", 11, "unexpected '}}'")]
    public void Syntax_error_names_the_column_and_the_problem(string text, int column, string problem)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal($"column {column}: {error.Problem}", error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_a_syntax_error_at_the_65th_level()
    {
        var parens = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(new string('(', 65) + "true" + new string(')', 65)));
        var nots = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(string.Concat(Enumerable.Repeat("not ", 65)) + "true"));
        var bangs = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(new string('!', 1000) + "true"));

        Assert.Equal(65, parens.Column);
        Assert.Equal((64 * 4) + 1, nots.Column);
        Assert.Equal(65, bangs.Column);
        Assert.All([parens, nots, bangs], e => Assert.Contains("deeper than 64 levels", e.Problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Expression_longer_than_4096_characters_is_a_syntax_error()
    {
        var text = "'" + new string('x', ExpressionLanguage.MaxLength - 1) + "'";

        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(text));

        Assert.Equal(4097, error.Column);
        Assert.Equal("the expression is longer than 4096 characters", error.Problem);
    }

    [Fact]
    public void Deep_nesting_within_the_length_limit_cannot_exhaust_the_stack()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ExpressionLanguage.Parse(new string('(', 4000)));

        Assert.Equal(65, error.Column);
    }
}
