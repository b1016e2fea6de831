namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// A test that needs a NATS server with JetStream: its URL comes from <c>WEBHOOKS_TEST_NATS</c>, and the test is
/// reported as skipped, with this reason, when it is not set (<c>.ci/run</c> starts one and sets it). With
/// <see cref="OwnServer"/> the test starts and stops a <c>nats-server</c> of its own, which must be on the PATH.
/// </summary>
public sealed class NatsFactAttribute : FactAttribute
{
    public const string Variable = "WEBHOOKS_TEST_NATS";

    public NatsFactAttribute()
    {
        if (string.IsNullOrEmpty(Url))
        {
            Skip = $"{Variable} is not set: NATS tests skipped (see README; .ci/run starts nats-server)";
        }
    }

    /// <summary>Whether the test runs a nats-server process of its own (to stop it in the middle).</summary>
    public bool OwnServer
    {
        get => false;
        init
        {
            if (value && Skip is null && NatsServerProcess.Executable is null)
            {
                Skip = "nats-server is not on the PATH: a test that stops and restarts NATS skipped (.ci/run installs it)";
            }
        }
    }

    /// <summary>Whether the test also needs PostgreSQL (two hosts on one database): skipped, with the reason, without it.</summary>
    public bool Postgres
    {
        get => false;
        init
        {
            if (value && Skip is null && PostgresFactAttribute.ConnectionString is null)
            {
                Skip = $"{PostgresFactAttribute.Variable} is not set: a test of two hosts on one PostgreSQL database and one NATS skipped";
            }
        }
    }

    public static string? Url => Environment.GetEnvironmentVariable(Variable);
}
