using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>
/// Every walk-through runs as written: each README's shell blocks, in order, in one bash, against the real host started
/// by the README itself, and every output the README shows (<c>#=&gt;</c> lines) is what was printed. A README that
/// cannot be pasted as it stands fails here. The convention: docs/walkthrough-tests.md. examples/scale-out is not
/// among them: it installs and starts PostgreSQL with sudo; tests/Core.Tests/ScaleOut runs two hosts on CI's database.
/// </summary>
[Collection(WalkthroughCollection.Name)]
public sealed class WalkthroughTests(ITestOutputHelper output)
{
    [WalkthroughTheory]
    [InlineData("README.md")]
    [InlineData("examples/dagnats/README.md")]
    [InlineData("examples/dagu/README.md")]
    [InlineData("examples/danube/README.md")]
    [InlineData("examples/dograh/README.md")]
    [InlineData("examples/kestra/README.md")]
    public async Task Walkthrough_runs_as_written(string readme)
    {
        var result = await WalkthroughRunner.RunAsync(readme, TimeSpan.FromMinutes(6));

        output.WriteLine($"{readme}: {result.Blocks} block(s) run in {result.Elapsed.TotalSeconds:F0} s");
        foreach (var skipped in result.Skipped)
        {
            output.WriteLine($"  not run: {skipped}");
        }

        Assert.True(result.Blocks > 0, $"{readme} has no bash block to run");
        Assert.True(result.Failures.Count == 0, string.Join("\n\n", result.Failures) + "\n\n--- the whole output:\n" + result.Output);
    }
}
