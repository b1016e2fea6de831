using System.Globalization;
using Webhooks.Modular.Conditions.Expression.Language.Ast;
using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language.Syntax;

/// <summary>
/// A recursive-descent parser for the grammar in the README, one method per precedence level, lowest first:
/// or, and, not, comparison (and in, contains, startsWith, endsWith), operand.
/// </summary>
internal sealed class Parser
{
    private readonly Tokenizer _tokens;
    private Token _current;
    private int _depth;

    private Parser(string text, int start, int end)
    {
        _tokens = new Tokenizer(text, start, end);
        _current = _tokens.Next();
    }

    /// <summary>Parses <c>text[start..end]</c> as one expression; throws <see cref="ExpressionSyntaxException"/>.</summary>
    /// <param name="text">The whole text (columns are counted in it).</param>
    /// <param name="start">Where the expression starts.</param>
    /// <param name="end">Where it ends (exclusive).</param>
    public static Node Parse(string text, int start, int end)
    {
        if (end - start > ExpressionLanguage.MaxLength)
        {
            throw new ExpressionSyntaxException(start + ExpressionLanguage.MaxLength + 1, $"the expression is longer than {ExpressionLanguage.MaxLength} characters");
        }

        var parser = new Parser(text, start, end);
        var node = parser.ParseOr();
        if (parser._current.Kind != TokenKind.End)
        {
            var token = parser._current;
            throw parser.Unexpected(token switch
            {
                { Kind: TokenKind.RightParen } => "unexpected ')' without a matching '('",
                { Kind: TokenKind.Identifier } when Tokenizer.IsMiscasedKeyword(token.Text, out var keyword) =>
                    $"unexpected '{token.Text}'; write '{keyword}' (keywords are case-sensitive)",
                _ => $"unexpected {token.Describe()}; expected an operator or the end of the expression",
            });
        }

        return node;
    }

    private Node ParseOr() => ParseChain(TokenKind.Or, LogicalOperator.Or, ParseAnd);

    private Node ParseAnd() => ParseChain(TokenKind.And, LogicalOperator.And, ParseNot);

    private Node ParseChain(TokenKind kind, LogicalOperator op, Func<Node> operand)
    {
        var first = operand();
        if (_current.Kind != kind)
        {
            return first;
        }

        var column = _current.Column;
        var operands = new List<Node> { first };
        while (_current.Kind == kind)
        {
            var symbol = _current;
            Advance();
            operands.Add(OperandAfter(symbol, operand));
        }

        return new LogicalNode(op, operands, column);
    }

    private Node ParseNot()
    {
        if (_current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var not = _current;
        Enter(not);
        Advance();
        var operand = OperandAfter(not, ParseNot);
        _depth--;
        return new NotNode(operand, not.Column);
    }

    private Node ParseComparison()
    {
        var left = ParseOperand(null);
        var op = _current;
        Node node;
        if (op.Kind == TokenKind.In)
        {
            Advance();
            node = new InNode(left, ParseList(op), op.Column);
        }
        else if (op.IsComparison)
        {
            Advance();
            node = new BinaryNode(Operator(op.Kind), left, ParseOperand(op), op.Column);
        }
        else
        {
            return left;
        }

        if (_current.IsComparison || _current.Kind == TokenKind.In)
        {
            throw Unexpected($"{_current.Describe()} cannot follow {op.Describe()} directly; add parentheses, such as (a == b) == c");
        }

        return node;
    }

    private IReadOnlyList<Value> ParseList(Token @in)
    {
        if (_current.Kind != TokenKind.LeftBracket)
        {
            throw Unexpected($"expected a list such as ['a', 'b'] after {@in.Describe()}, found {_current.Describe()}");
        }

        var open = _current;
        Advance();
        var values = new List<Value>();
        if (_current.Kind == TokenKind.RightBracket)
        {
            Advance();
            return values;
        }

        while (true)
        {
            values.Add(TryLiteral(out var value)
                ? value
                : throw Unexpected($"expected a string, number, true, false or null in the list of {@in.Describe()}, found {_current.Describe()}"));
            Advance();
            if (_current.Kind == TokenKind.RightBracket)
            {
                Advance();
                return values;
            }

            if (_current.Kind != TokenKind.Comma)
            {
                throw Unexpected($"expected ',' or ']' to close the '[' at column {open.Column}, found {_current.Describe()}");
            }

            Advance();
        }
    }

    private Node ParseOperand(Token? after)
    {
        var token = _current;
        if (TryLiteral(out var value))
        {
            Advance();
            return new LiteralNode(value, token.Column);
        }

        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (Tokenizer.IsMiscasedKeyword(token.Text, out var keyword))
                {
                    throw Unexpected($"'{token.Text}' is not a keyword or a name here; write '{keyword}' (keywords are case-sensitive)");
                }

                return ParsePath();
            case TokenKind.LeftParen:
                Enter(token);
                Advance();
                var inner = OperandAfter(token, ParseOr);
                if (_current.Kind != TokenKind.RightParen)
                {
                    throw Unexpected($"expected ')' to close the '(' at column {token.Column}, found {_current.Describe()}");
                }

                Advance();
                _depth--;
                return inner;
            default:
                throw Unexpected(after is { } op
                    ? $"expected a value after {op.Describe()}, found {token.Describe()}"
                    : $"expected a value, found {token.Describe()}");
        }
    }

    private PathNode ParsePath()
    {
        var root = _current;
        Advance();
        var segments = new List<PathSegment>();
        while (true)
        {
            if (_current.Kind == TokenKind.Dot)
            {
                Advance();
                if (!_current.IsWord)
                {
                    throw Unexpected(_current.Kind == TokenKind.Number
                        ? $"expected a property name after '.', found {_current.Describe()}; index an array with [0]"
                        : $"expected a property name after '.', found {_current.Describe()}");
                }

                segments.Add(PathSegment.Property(_current.Text));
                Advance();
            }
            else if (_current.Kind == TokenKind.LeftBracket)
            {
                var open = _current;
                Advance();
                segments.Add(_current.Kind switch
                {
                    TokenKind.String => PathSegment.Property(_current.StringValue!),
                    TokenKind.Number when int.TryParse(_current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => PathSegment.At(index),
                    TokenKind.Number => throw Unexpected($"an index must be a whole number from 0 to {int.MaxValue}, not {_current.Text}"),
                    _ => throw Unexpected($"expected an index such as [0] or a quoted name such as ['x y'], found {_current.Describe()}"),
                });
                Advance();
                if (_current.Kind != TokenKind.RightBracket)
                {
                    throw Unexpected($"expected ']' to close the '[' at column {open.Column}, found {_current.Describe()}");
                }

                Advance();
            }
            else
            {
                return new PathNode(root.Text, segments, root.Column);
            }
        }
    }

    private bool TryLiteral(out Value value)
    {
        value = _current.Kind switch
        {
            TokenKind.String => Value.From(_current.StringValue!),
            TokenKind.Number => Value.From(_current.NumberValue),
            TokenKind.True => Value.From(true),
            TokenKind.False => Value.From(false),
            _ => Value.Null,
        };
        return _current.Kind is TokenKind.String or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null;
    }

    // An operand that must follow an operator: reaching the end (or another operator) says what was expected after which.
    private Node OperandAfter(Token op, Func<Node> operand) =>
        _current.Kind is TokenKind.End or TokenKind.And or TokenKind.Or or TokenKind.RightParen
            ? throw Unexpected($"expected a value after {op.Describe()}, found {_current.Describe()}")
            : operand();

    private void Enter(Token token)
    {
        if (++_depth > ExpressionLanguage.MaxDepth)
        {
            throw new ExpressionSyntaxException(token.Column, $"the expression nests deeper than {ExpressionLanguage.MaxDepth} levels of parentheses and 'not'");
        }
    }

    private void Advance() => _current = _tokens.Next();

    private ExpressionSyntaxException Unexpected(string problem) => new(_current.Column, problem);

    private static BinaryOperator Operator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        TokenKind.Contains => BinaryOperator.Contains,
        TokenKind.StartsWith => BinaryOperator.StartsWith,
        _ => BinaryOperator.EndsWith,
    };
}
