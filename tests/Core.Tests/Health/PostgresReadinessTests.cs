using System.Net;
using System.Text.Json;
using Npgsql;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Health;

/// <summary>
/// Readiness follows a real PostgreSQL server: the host reaches it through a loopback relay that the test cuts and
/// restores, so the server really is unreachable for the host in between. Readiness is 503 while it is, and 200
/// again afterwards without restarting anything.
/// </summary>
public sealed class PostgresReadinessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _schema = $"health_{Guid.NewGuid():N}"[..20];

    public void Dispose()
    {
        if (PostgresFactAttribute.ConnectionString is { } connectionString)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            drop.ExecuteNonQuery();
        }

        _folder.Dispose();
    }

    [PostgresFact]
    public async Task Readyz_is_503_while_the_database_is_cut_and_200_again_once_it_is_back()
    {
        var real = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString);
        await using var forwarder = new TcpForwarder(real.Host!, real.Port);
        var throughForwarder = new NpgsqlConnectionStringBuilder(real.ConnectionString) { Host = "127.0.0.1", Port = forwarder.Port, Timeout = 3 };
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = "env:WEBHOOKS_HEALTH_TEST_POSTGRES", schema = _schema } },
                new { name = "Auth.ApiKey" },
                new { name = "Actions.Command" },
            },
            hooks = new[] { Deployments.CommandHook("h", "true") },
        }));
        Environment.SetEnvironmentVariable("WEBHOOKS_HEALTH_TEST_POSTGRES", throughForwarder.ConnectionString);
        await using var host = await LoopbackHost.StartAsync(config);

        var (before, beforeText) = await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.OK);
        Assert.True(before == HttpStatusCode.OK, beforeText);
        Assert.Equal("Healthy", Check(beforeText, "Storage.Postgres"));

        forwarder.Cut();
        var (during, duringText) = await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.True(during == HttpStatusCode.ServiceUnavailable, duringText);
        Assert.Equal("Unhealthy", Check(duringText, "Storage.Postgres"));
        Assert.DoesNotContain(real.Password!, duringText, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", duringText, StringComparison.OrdinalIgnoreCase);

        forwarder.Restore();
        var (after, afterText) = await HealthProbe.WaitForAsync(host.Client, "/readyz", HttpStatusCode.OK);
        Assert.True(after == HttpStatusCode.OK, afterText);
        Assert.Equal("Healthy", Check(afterText, "Storage.Postgres"));
    }

    private static string? Check(string body, string name)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
    }
}
