namespace Webhooks.Modular.Bench.Options;

/// <summary>The scenarios' names, as given to <c>--scenarios</c>.</summary>
internal static class Scenario
{
    /// <summary>A bare ASP.NET Core endpoint that reads the body and answers 200: the baseline.</summary>
    public const string Bare = "bare";

    /// <summary>The demo hook with run workers off: accepted = event and run committed with synchronous=FULL.</summary>
    public const string Accept = "accept";

    /// <summary>As <see cref="Accept"/>, with the SQLite plugin set to synchronous=NORMAL: what the disk sync costs.</summary>
    public const string AcceptNormal = "accept-normal";

    /// <summary>
    /// As <see cref="Accept"/>, with the Telemetry.OpenTelemetry plugin deployed (metrics and traces recorded, Prometheus
    /// at /metrics, never scraped during the load): what the instrumentation costs on the accept path.
    /// </summary>
    public const string AcceptTelemetry = "accept-telemetry";

    /// <summary>The accept deployment measured twice in one run: alone, then with a retention purge deleting expired history beside it.</summary>
    public const string AcceptPurge = "accept-purge";

    /// <summary>The demo hook with run workers on: accepts while runs execute, then the time to finish the backlog.</summary>
    public const string EndToEnd = "e2e";

    /// <summary>As <see cref="Accept"/>, with Storage.LiteDb in place of Storage.Sqlite.</summary>
    public const string AcceptLiteDb = "accept-litedb";

    /// <summary>
    /// The demo hook with run workers off, the delivery worker on and one destination for its events on a loopback
    /// receiver (the default <c>perDestinationConcurrency</c>, 4): accepts with the outbox, then the time until every
    /// delivery arrived.
    /// </summary>
    public const string Deliver = "deliver";

    /// <summary>As <see cref="Deliver"/>, with <c>perDestinationConcurrency</c> 16: the worker's whole concurrency for the one destination.</summary>
    public const string Deliver16 = "deliver-16";

    /// <summary>
    /// One host process on PostgreSQL (Storage.Postgres in place of Storage.Sqlite, a fresh schema), run workers off,
    /// the delivery worker on and one destination on the loopback receiver: accepted webhooks/s, then deliveries/s
    /// until every delivery arrived, then the rows counted in the schema.
    /// </summary>
    public const string Postgres1 = "pg-1";

    /// <summary>As <see cref="Postgres1"/>, with two host processes on the same schema and the load split between them.</summary>
    public const string Postgres2 = "pg-2";

    /// <summary>
    /// Three servers as processes of their own under wrk with a signed GitHub push: bare Kestrel, the @octokit/webhooks
    /// Node middleware and the built host (github HMAC preset, synchronous=FULL, run workers off); two interleaved rounds.
    /// </summary>
    public const string IngestPeers = "ingest-peers";
}
