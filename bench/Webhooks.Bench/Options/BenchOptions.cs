using System.Globalization;

namespace Webhooks.Modular.Bench.Options;

/// <summary>What one run of the benchmark does, from the command line.</summary>
internal sealed record BenchOptions
{
    /// <summary>Every scenario, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllScenarios =
        [Scenario.Bare, Scenario.Accept, Scenario.AcceptNormal, Scenario.AcceptTelemetry, Scenario.AcceptLiteDb, Scenario.AcceptPurge, Scenario.EndToEnd, Scenario.Deliver, Scenario.Deliver16, Scenario.Postgres1, Scenario.Postgres2, Scenario.IngestPeers];

    /// <summary>Where the PostgreSQL connection string is read from when <c>--postgres</c> is not given (the tests' variable).</summary>
    public const string PostgresVariable = "WEBHOOKS_TEST_POSTGRES";

    /// <summary>How many request loops run at once (and how many connections they use).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>The measured window, per scenario.</summary>
    public TimeSpan Measured { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The warm-up before the measured window, per scenario; its requests are not in the figures.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A cap on requests per scenario (warm-up included), so that a loop always ends by itself.</summary>
    public long MaxRequests { get; init; } = 2_000_000;

    /// <summary>How long the end-to-end and delivery scenarios wait for their backlog of runs or deliveries after the load.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Which scenarios run.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>Where the deployments and their databases go; a fresh temporary folder when not given.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The PostgreSQL server for the <c>pg-*</c> scenarios (an Npgsql connection string), or <c>null</c> to skip them.
    /// Never printed: it may hold a password.
    /// </summary>
    public string? Postgres { get; init; }

    /// <summary>Whether the user asked for the usage text.</summary>
    public bool Help { get; init; }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Webhooks.Modular.Bench [options]
          --seconds N         measured window per scenario (default 10)
          --warmup N          warm-up per scenario, not measured (default 3)
          --concurrency N     concurrent request loops and connections (default 32)
          --max-requests N    cap on requests per scenario (default 2000000)
          --scenarios LIST    comma-separated: bare, accept, accept-normal, accept-telemetry, accept-litedb, accept-purge, e2e, deliver, deliver-16, pg-1, pg-2, ingest-peers (default: all)
          --drain-timeout N   seconds e2e waits for its runs, deliver(-16) and pg-* for their deliveries, after the load (default 300)
          --data-dir PATH     where deployments and databases go (default: a new temporary folder)
          --postgres CS       an Npgsql connection string for pg-1 and pg-2 (default: $WEBHOOKS_TEST_POSTGRES;
                              without either, the pg-* scenarios are skipped)
        """;

    /// <summary>Reads the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <exception cref="ArgumentException">An option is unknown or its value is invalid; the message names it.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PostgresVariable);
        var options = new BenchOptions { Postgres = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return options with { Help = true };
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--seconds" => options with { Measured = TimeSpan.FromSeconds(Positive(name, value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(NonNegative(name, value)) },
                "--concurrency" => options with { Concurrency = (int)Positive(name, value, max: 4096) },
                "--max-requests" => options with { MaxRequests = (long)Positive(name, value, max: long.MaxValue) },
                "--drain-timeout" => options with { DrainTimeout = TimeSpan.FromSeconds(Positive(name, value)) },
                "--scenarios" => options with { Scenarios = ParseScenarios(value) },
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(value) },
                "--postgres" => options with { Postgres = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("--postgres needs a connection string") : value },
                _ => throw new ArgumentException($"unknown option {name}\n{Usage}"),
            };
        }

        return options;
    }

    private static double Positive(string name, string value, double max = 3600)
    {
        var number = NonNegative(name, value, max);
        return number > 0 ? number : throw new ArgumentException($"{name} must be greater than 0");
    }

    private static double NonNegative(string name, string value, double max = 3600)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || number > max)
        {
            throw new ArgumentException($"{name}: '{value}' is not a number from 0 to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return number;
    }

    private static string[] ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!AllScenarios.Contains(name))
            {
                throw new ArgumentException($"--scenarios: unknown scenario '{name}'; known: {string.Join(", ", AllScenarios)}");
            }
        }

        // Always in the canonical order, so the baseline runs first and ratios can be printed.
        return names.Length > 0
            ? [.. AllScenarios.Where(names.Contains)]
            : throw new ArgumentException("--scenarios needs at least one scenario");
    }
}
