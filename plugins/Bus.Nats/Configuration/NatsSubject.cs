namespace Webhooks.Modular.Bus.Nats.Configuration;

/// <summary>NATS subject patterns: dot-separated tokens, <c>*</c> one token, <c>&gt;</c> (last) one or more.</summary>
internal static class NatsSubject
{
    /// <summary>What is wrong with a pattern, or <c>null</c>.</summary>
    public static string? Check(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "empty";
        }

        var tokens = pattern.Split('.');
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length == 0)
            {
                return "empty token (two dots, or a dot at either end)";
            }

            if (tokens[i] == ">" && i != tokens.Length - 1)
            {
                return "'>' may only be the last token";
            }

            if (tokens[i].Any(char.IsWhiteSpace))
            {
                return "a subject has no spaces";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="subject"/> (no wildcards) matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string subject)
    {
        var p = pattern.Split('.');
        var s = subject.Split('.');
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == ">")
            {
                return s.Length > i;
            }

            if (i >= s.Length || (p[i] != "*" && !string.Equals(p[i], s[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return s.Length == p.Length;
    }
}
