using System.Text;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>
/// Compares a command's output with the lines a README shows: <c>…</c> stands for any text (across lines too), a
/// <c>&lt;placeholder&gt;</c> (lower-case letters, digits, <c>-</c>, <c>_</c> or spaces) for one token without
/// spaces or quotes; a last line of <c>…</c> alone stands for any further lines, or none; everything else is literal. Trailing spaces and blank lines at either end do not count.
/// </summary>
internal static partial class ExpectedOutput
{
    public static bool Matches(IReadOnlyList<string> expected, string actual) =>
        ToRegex(expected).IsMatch(Normalize(actual));

    public static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    private static Regex ToRegex(IReadOnlyList<string> expected)
    {
        var text = Normalize(string.Join('\n', expected));
        var pattern = new StringBuilder("^");
        var last = 0;
        foreach (Match match in Wildcard().Matches(text))
        {
            pattern.Append(Regex.Escape(text[last..match.Index]));
            pattern.Append(match.Value switch
            {
                "…" => @"[\s\S]*?",
                // "…" alone on a last line: more lines, or none.
                "\n…" => @"(?:\n[\s\S]*)?",
                _ => @"[^\s""']+?",
            });
            last = match.Index + match.Length;
        }

        pattern.Append(Regex.Escape(text[last..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
    }

    [GeneratedRegex(@"\n…$|…|<[a-z][a-z0-9 _-]*>")]
    private static partial Regex Wildcard();
}
