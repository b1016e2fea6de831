using Npgsql;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Documentation;

/// <summary>
/// Every walk-through runs as written: each README's shell blocks, in order, in one bash, against the real host started
/// by the README itself, and every output the README shows (<c>#=&gt;</c> lines) is what was printed. A README that
/// cannot be pasted as it stands fails here. The convention: docs/walkthrough-tests.md. examples/scale-out runs on CI's
/// PostgreSQL server (its block that installs one with sudo aside), in a database of its own.
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
        Report(readme, await WalkthroughRunner.RunAsync(readme, TimeSpan.FromMinutes(6)));
    }

    /// <summary>
    /// The scale-out walk-through: two host executables on one PostgreSQL database, deliveries, idempotency across hosts,
    /// and <c>kill -9</c> of one host (its port closes, the other keeps answering). The walk-through's network namespace
    /// reaches CI's server through a Unix socket relayed to its TCP port; its database is a fresh one, dropped afterwards.
    /// </summary>
    [WalkthroughOnPostgresFact]
    public async Task Scale_out_walkthrough_runs_as_written_on_CIs_postgres()
    {
        const string Readme = "examples/scale-out/README.md";
        var database = $"walkthrough_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync($"CREATE DATABASE {database}");
        try
        {
            await using var relay = PostgresSocketRelay.Start(PostgresFactAttribute.ConnectionString!);
            var environment = new Dictionary<string, string> { ["WEBHOOKS_POSTGRES"] = relay.ConnectionString(database) };
            Report(Readme, await WalkthroughRunner.RunAsync(Readme, TimeSpan.FromMinutes(6), environment));
        }
        finally
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private void Report(string readme, WalkthroughResult result)
    {
        output.WriteLine($"{readme}: {result.Blocks} block(s) run in {result.Elapsed.TotalSeconds:F0} s");
        foreach (var skipped in result.Skipped)
        {
            output.WriteLine($"  not run: {skipped}");
        }

        Assert.True(result.Blocks > 0, $"{readme} has no bash block to run");
        Assert.True(result.Failures.Count == 0, string.Join("\n\n", result.Failures) + "\n\n--- the whole output:\n" + result.Output);
    }
}
