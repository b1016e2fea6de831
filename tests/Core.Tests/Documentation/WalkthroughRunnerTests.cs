namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>The walk-through runner itself: it fails a README whose shown output differs or whose command fails unannounced.</summary>
[Collection(WalkthroughCollection.Name)]
public sealed class WalkthroughRunnerTests
{
    private const string Fence = "```";

    [WalkthroughTheory]
    [InlineData("echo 'id 0196-42 ok'\n#=> id <id> ok", true)]
    [InlineData("echo hello\n#=> goodbye", false)]
    [InlineData("printf 'a\\nb\\nc\\n'\n#=> a\n#=> …", true)]
    [InlineData("printf 'a\\nb\\n'\n#=> a", false)]
    [InlineData("false", false)]
    [InlineData("sh -c 'echo no >&2; exit 2'\n#=> no\n#=> [exit 2]", true)]
    [InlineData("X=1\n" + Fence + "\n\n" + Fence + "bash\necho $X\n#=> 1", true)]
    [InlineData("exit 0\n" + Fence + "\n\n" + Fence + "bash\necho never", false)]
    public async Task Runner_passes_only_what_matches(string block, bool passes)
    {
        var markdown = $"# t\n\n{Fence}bash\n{block}\n{Fence}\n\n<!-- walkthrough: skip not run -->\n{Fence}bash\nexit 3\n{Fence}\n";

        var result = await WalkthroughRunner.RunMarkdownAsync("t.md", markdown, TimeSpan.FromMinutes(1));

        Assert.True(passes == (result.Failures.Count == 0), string.Join("\n", result.Failures) + "\n" + result.Output);
        Assert.EndsWith(": not run", Assert.Single(result.Skipped), StringComparison.Ordinal);
    }
}
