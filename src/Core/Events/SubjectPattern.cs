using System.Text.RegularExpressions;

namespace Webhooks.Modular.Core.Events;

/// <summary>
/// A subject or subject pattern, NATS style: dot-separated tokens; in a pattern <c>*</c> matches exactly one
/// token and <c>&gt;</c>, only as the last token, matches one or more.
/// </summary>
internal sealed partial class SubjectPattern
{
    private readonly string[] _tokens;

    private SubjectPattern(string text, string[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    public string Text { get; }

    /// <summary>Parses a pattern; <paramref name="error"/> says what is wrong when it is not one.</summary>
    public static SubjectPattern? TryParse(string text, bool allowWildcards, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            error = "a subject is 1 to 256 characters";
            return null;
        }

        var tokens = text.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var wildcard = token is "*" || (token is ">" && i == tokens.Length - 1);
            if (wildcard && !allowWildcards)
            {
                error = $"'{token}' is a wildcard; a published subject has none";
                return null;
            }

            if (!wildcard && !Token().IsMatch(token))
            {
                error = token.Length == 0
                    ? "empty token (two dots, or a dot at either end)"
                    : token == ">" ? "'>' may only be the last token" : $"token '{token}' may hold only letters, digits, '-' and '_'";
                return null;
            }
        }

        return new SubjectPattern(text, tokens);
    }

    public bool Matches(string subject)
    {
        var tokens = subject.Split('.');
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (_tokens[i] == ">")
            {
                return tokens.Length > i;
            }

            if (i >= tokens.Length || (_tokens[i] != "*" && !string.Equals(_tokens[i], tokens[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return tokens.Length == _tokens.Length;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Token();
}
