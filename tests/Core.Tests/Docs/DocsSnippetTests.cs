using System.Text.RegularExpressions;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block in docs/*.md and README.md is either a quote of compiled source (the line before it is
/// <c>&lt;!-- snippet: path --&gt;</c> or <c>&lt;!-- snippet: path#region --&gt;</c>, and the block equals that file or
/// that <c>#region</c>) or explicitly a fragment (<c>&lt;!-- fragment: why --&gt;</c>). The quoted sources are in
/// projects the solution builds (samples/GreetingPlugin and its tests), so a snippet that does not compile, or that
/// drifted from the code, fails CI.
/// </summary>
public sealed partial class DocsSnippetTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Append(Path.Combine(RepoPaths.Root, "README.md")).Order())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_quotes_compiled_source_or_says_it_is_a_fragment(string document)
    {
        var problems = new List<string>();
        foreach (var block in CsharpBlocks(File.ReadAllLines(Path.Combine(RepoPaths.Root, document))))
        {
            var where = $"{document}:{block.Line}";
            var marker = Marker().Match(block.Marker ?? "");
            if (!marker.Success)
            {
                problems.Add($"{where}: a ```csharp block needs '<!-- snippet: path[#region] -->' or '<!-- fragment: why -->' on the line before it");
                continue;
            }

            if (marker.Groups["kind"].Value == "fragment")
            {
                continue;
            }

            var reference = marker.Groups["target"].Value.Trim();
            var (path, region) = reference.Split('#') is [var p, var r] ? (p, r) : (reference, null);
            var source = Path.Combine(RepoPaths.Root, path);
            if (!File.Exists(source))
            {
                problems.Add($"{where}: '{path}' does not exist");
                continue;
            }

            var expected = region is null ? WholeFile(source) : Region(source, region);
            if (expected is null)
            {
                problems.Add($"{where}: '{path}' has no '#region {region}'");
            }
            else if (expected != block.Text)
            {
                problems.Add($"{where}: differs from {reference}; quote it again:\n{expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void Plugins_md_quotes_the_sample_plugin_rather_than_fragments()
    {
        // The plugin guide's code must compile as shown: every block there is a snippet, none a fragment.
        var blocks = CsharpBlocks(File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "plugins.md"))).ToList();

        Assert.True(blocks.Count >= 6, $"docs/plugins.md has {blocks.Count} csharp blocks");
        Assert.All(blocks, b => Assert.StartsWith("<!-- snippet:", b.Marker));
    }

    private static IEnumerable<(int Line, string? Marker, string Text)> CsharpBlocks(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var start = i;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.True(end > 0, $"line {start + 1}: the csharp block is not closed");
            var marker = start > 0 ? lines[start - 1].Trim() : null;
            yield return (start + 1, marker, string.Join('\n', lines[(start + 1)..end]));
            i = end;
        }
    }

    private static string WholeFile(string path) => File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n');

    /// <summary>The lines between <c>#region name</c> and its <c>#endregion</c>, with their common indentation removed.</summary>
    private static string? Region(string path, string name)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.Trim() == $"#region {name}");
        if (start < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, start + 1, l => l.Trim().StartsWith("#endregion", StringComparison.Ordinal));
        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [GeneratedRegex(@"^<!--\s*(?<kind>snippet|fragment):\s*(?<target>.*?)\s*-->$")]
    private static partial Regex Marker();
}
