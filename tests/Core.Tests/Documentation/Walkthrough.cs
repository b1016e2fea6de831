using System.Text;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>
/// A README's shell blocks as one bash script, with the outputs it shows. See docs/walkthrough-tests.md for the
/// convention: every <c>```bash</c> / <c>```sh</c> block runs, in order, in one shell; <c>#=&gt;</c> lines show what
/// the commands since the previous <c>#=&gt;</c> lines (or the block's start) print; <c>&lt;!-- walkthrough: skip
/// REASON --&gt;</c> on the line before a block leaves that block out.
/// </summary>
internal sealed partial class Walkthrough
{
    /// <summary>The prefix of an expected-output line.</summary>
    public const string ExpectPrefix = "#=>";

    private const string SkipMarker = "<!-- walkthrough: skip";

    private Walkthrough(string script, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyList<string> skipped, int blocks)
    {
        Script = script;
        Checkpoints = checkpoints;
        Skipped = skipped;
        Blocks = blocks;
    }

    /// <summary>The bash script: every block's lines, with a marker line printed at each block's start and after each expected output.</summary>
    public string Script { get; }

    /// <summary>Indexed by marker number: the output ending at that marker, with what it must look like (null: not shown).</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; }

    /// <summary>The blocks left out, each with its line and reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>How many blocks run.</summary>
    public int Blocks { get; }

    /// <summary>Reads <paramref name="markdown"/>.</summary>
    public static Walkthrough Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var script = new StringBuilder();
        var checkpoints = new List<Checkpoint>();
        var skipped = new List<string>();
        var blocks = 0;
        string? previous = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = FenceStart().Match(line);
            if (!fence.Success)
            {
                if (line.Trim().Length > 0)
                {
                    previous = line.Trim();
                }

                continue;
            }

            var start = i + 1;
            var body = new List<(int Line, string Text)>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add((i + 1, lines[i]));
            }

            if (previous is not null && previous.StartsWith(SkipMarker, StringComparison.Ordinal))
            {
                skipped.Add($"line {start}: {previous[SkipMarker.Length..].TrimEnd('-', '>', ' ').Trim()}");
                previous = null;
                continue;
            }

            previous = null;
            blocks++;
            Mark(script, checkpoints, new Checkpoint(start, null));
            List<string>? expected = null;
            var expectedLine = 0;
            foreach (var (number, text) in body)
            {
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith(ExpectPrefix, StringComparison.Ordinal))
                {
                    expected ??= [];
                    expectedLine = expectedLine == 0 ? number : expectedLine;
                    var shown = trimmed[ExpectPrefix.Length..];
                    expected.Add(shown.StartsWith(' ') ? shown[1..] : shown);
                    continue;
                }

                if (expected is not null)
                {
                    Mark(script, checkpoints, new Checkpoint(expectedLine, expected));
                    expected = null;
                    expectedLine = 0;
                }

                script.Append(text).Append('\n');
            }

            if (expected is not null)
            {
                Mark(script, checkpoints, new Checkpoint(expectedLine, expected));
            }
        }

        Mark(script, checkpoints, new Checkpoint(lines.Length, null));
        return new Walkthrough(script.ToString(), checkpoints, skipped, blocks);
    }

    private static void Mark(StringBuilder script, List<Checkpoint> checkpoints, Checkpoint checkpoint)
    {
        // The marker closes the output printed since the one before; the checkpoint says what that output must be.
        script.Append(FormattableString.Invariant($"printf '{Marker(checkpoints.Count)}\\n'\n"));
        checkpoints.Add(checkpoint);
    }

    /// <summary>The text the script prints at marker <paramref name="number"/>.</summary>
    public static string Marker(int number) => FormattableString.Invariant($"@@walkthrough {number}@@");

    [GeneratedRegex(@"^```(bash|sh)\s*$")]
    private static partial Regex FenceStart();

    /// <summary>An output to check.</summary>
    /// <param name="Line">The README line of the expected output (or of the block's start).</param>
    /// <param name="Expected">The expected lines; null when the README shows none.</param>
    internal sealed record Checkpoint(int Line, IReadOnlyList<string>? Expected);
}
