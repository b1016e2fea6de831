namespace Webhooks.Modular.Conditions.Expression.Language.Syntax;

/// <summary>What a token is. Words that are keywords get their own kind; after a '.' any word is a property name.</summary>
internal enum TokenKind
{
    End,
    Identifier,
    String,
    Number,
    True,
    False,
    Null,
    And,
    Or,
    Not,
    In,
    Contains,
    StartsWith,
    EndsWith,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
}
