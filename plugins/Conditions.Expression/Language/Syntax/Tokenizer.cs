using System.Globalization;
using System.Text;
using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language.Syntax;

/// <summary>
/// Splits a region of a text into tokens, one at a time. Positions are indexes into the whole text, so columns in
/// errors point into what the user wrote (wrapper and surrounding template included).
/// </summary>
internal sealed class Tokenizer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["null"] = TokenKind.Null,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["contains"] = TokenKind.Contains,
        ["startsWith"] = TokenKind.StartsWith,
        ["endsWith"] = TokenKind.EndsWith,
    };

    private readonly string _text;
    private readonly int _end;
    private int _position;

    /// <summary>Creates a tokenizer over <c>text[start..end]</c>.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="start">Where the expression starts.</param>
    /// <param name="end">Where it ends (exclusive).</param>
    public Tokenizer(string text, int start, int end)
    {
        _text = text;
        _position = start;
        _end = end;
    }

    /// <summary>Whether a word is a keyword when written in another case (<c>AND</c>), for a helpful error.</summary>
    /// <param name="word">The word as written.</param>
    /// <param name="keyword">The keyword's spelling.</param>
    public static bool IsMiscasedKeyword(string word, out string keyword)
    {
        keyword = Keywords.Keys.FirstOrDefault(k => string.Equals(k, word, StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
        return keyword.Length > 0 && !string.Equals(keyword, word, StringComparison.Ordinal);
    }

    /// <summary>The next token; <see cref="TokenKind.End"/> at the end of the region, again and again.</summary>
    public Token Next()
    {
        while (_position < _end && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        if (_position >= _end)
        {
            return new Token(TokenKind.End, _end, string.Empty);
        }

        var start = _position;
        var c = _text[start];
        switch (c)
        {
            case '(':
                return Single(TokenKind.LeftParen);
            case ')':
                return Single(TokenKind.RightParen);
            case '[':
                return Single(TokenKind.LeftBracket);
            case ']':
                return Single(TokenKind.RightBracket);
            case ',':
                return Single(TokenKind.Comma);
            case '.':
                return Single(TokenKind.Dot);
            case '\'' or '"':
                return ReadString(c);
            case '=':
                if (Peek(1) != '=')
                {
                    throw Error(start, "'=' is not an operator; use '==' to compare");
                }

                return Peek(2) == '='
                    ? throw Error(start, "unknown operator '==='; use '=='")
                    : Operator(TokenKind.Equal, 2);
            case '!':
                if (Peek(1) != '=')
                {
                    return Single(TokenKind.Not);
                }

                return Peek(2) == '='
                    ? throw Error(start, "unknown operator '!=='; use '!='")
                    : Operator(TokenKind.NotEqual, 2);
            case '<':
                return Peek(1) switch
                {
                    '=' when Peek(2) == '=' => throw Error(start, "unknown operator '<=='; use '<='"),
                    '=' => Operator(TokenKind.LessOrEqual, 2),
                    '>' => throw Error(start, "unknown operator '<>'; use '!='"),
                    _ => Single(TokenKind.Less),
                };
            case '>':
                return Peek(1) switch
                {
                    '=' when Peek(2) == '=' => throw Error(start, "unknown operator '>=='; use '>='"),
                    '=' => Operator(TokenKind.GreaterOrEqual, 2),
                    _ => Single(TokenKind.Greater),
                };
            case '&':
                return Peek(1) == '&'
                    ? Operator(TokenKind.And, 2)
                    : throw Error(start, "'&' is not an operator; use '&&' or 'and'");
            case '|':
                return Peek(1) == '|'
                    ? Operator(TokenKind.Or, 2)
                    : throw Error(start, "'|' is not an operator; use '||' or 'or' (filters are not supported)");
            case '{' or '}':
                throw Error(start, Peek(1) == c
                    ? $"unexpected '{c}{c}': the {{{{ ... }}}} wrapper must enclose the whole expression, once"
                    : $"unexpected '{c}'");
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (char.IsLetter(c) || c == '_')
        {
            return ReadWord();
        }

        throw Error(start, char.IsControl(c) || char.IsSurrogate(c)
            ? $"unexpected character U+{(int)c:X4}"
            : $"unexpected character '{c}'");
    }

    private char Peek(int offset) => _position + offset < _end ? _text[_position + offset] : '\0';

    private Token Single(TokenKind kind) => Operator(kind, 1);

    private Token Operator(TokenKind kind, int length)
    {
        var token = new Token(kind, _position, _text.Substring(_position, length));
        _position += length;
        return token;
    }

    private Token ReadWord()
    {
        var start = _position;
        while (_position < _end && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        var word = _text[start.._position];
        return new Token(Keywords.GetValueOrDefault(word, TokenKind.Identifier), start, word);
    }

    private Token ReadNumber()
    {
        var start = _position;
        if (_text[_position] == '-')
        {
            _position++;
            if (!char.IsAsciiDigit(Peek(0)))
            {
                throw Error(start, "'-' must start a number such as -1 (there is no arithmetic)");
            }
        }

        SkipDigits();
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _position++;
            SkipDigits();
        }

        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            _position += 2;
            SkipDigits();
        }

        if (char.IsLetter(Peek(0)) || Peek(0) == '_')
        {
            var wordEnd = _position;
            while (wordEnd < _end && (char.IsLetterOrDigit(_text[wordEnd]) || _text[wordEnd] == '_'))
            {
                wordEnd++;
            }

            throw Error(start, $"'{_text[start..wordEnd]}' is not a number; names cannot start with a digit");
        }

        var text = _text[start.._position];
        return Number.TryParse(text, out var number)
            ? new Token(TokenKind.Number, start, text, NumberValue: number)
            : throw Error(start, $"the number {text} is too large");
    }

    private void SkipDigits()
    {
        while (_position < _end && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }
    }

    private Token ReadString(char quote)
    {
        var start = _position;
        var value = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _end)
            {
                throw Error(start, $"the string is not closed; end it with {quote}");
            }

            var c = _text[_position];
            if (c == quote)
            {
                _position++;
                return new Token(TokenKind.String, start, _text[start.._position], value.ToString());
            }

            if (c != '\\')
            {
                value.Append(c);
                _position++;
                continue;
            }

            var escape = _position;
            if (_position + 1 >= _end)
            {
                throw Error(start, $"the string is not closed; end it with {quote}");
            }

            var next = _text[_position + 1];
            _position += 2;
            switch (next)
            {
                case '\\' or '\'' or '"' or '/':
                    value.Append(next);
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case 'u':
                    if (_position + 4 > _end
                        || !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error(escape, "'\\u' must be followed by four hex digits");
                    }

                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error(escape, $"unknown escape '\\{next}' (known: \\\\ \\' \\\" \\/ \\n \\t \\r \\b \\f \\uXXXX)");
            }
        }
    }

    private static ExpressionSyntaxException Error(int position, string problem) => new(position + 1, problem);
}
