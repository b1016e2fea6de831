using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Webhooks.Modular.Core.Tests.Auth;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.ScaleOut;

/// <summary>
/// A captured Standard Webhooks request replayed to a second host process on the same PostgreSQL database, with an
/// added <c>Idempotency-Key</c> the signature does not cover: the signed id is the key, and the record of it is in the
/// database, so the second host answers it as a replay and nothing is stored or run twice.
/// </summary>
public sealed class SignedReplayTwoHostTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _schema = $"replay_{Guid.NewGuid():N}"[..20];
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [PostgresFact]
    public async Task Captured_request_replayed_to_another_host_with_an_added_Idempotency_Key_is_a_replay_and_stored_once()
    {
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } },
                new { name = "Actions.Command" },
                new { name = "Auth.Hmac" },
            },
            hooks = new object[]
            {
                new
                {
                    name = "standard",
                    auth = new { scheme = "hmac", settings = new { preset = "standard-webhooks", secrets = new[] { "whsec_" + Convert.ToBase64String(_key) } } },
                    action = new { type = "command", settings = new { command = "true" } },
                },
            },
        }));
        const string body = """{"type":"invoice.paid","amount":100}""";
        var id = $"msg_{Guid.NewGuid():N}";
        var captured = SignedRequests.StandardWebhooks(_key, id, DateTimeOffset.UtcNow, body);

        await using var a = HostProcess.Start(config);
        await using var b = HostProcess.Start(config);
        await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());
        var first = await SignedRequests.PostAsync(a.Client, "standard", body, captured);
        var replayed = await SignedRequests.PostAsync(b.Client, "standard", body, [.. captured, ("Idempotency-Key", "anything")]);
        var svixRetry = await SignedRequests.PostAsync(b.Client, "standard", body, SignedRequests.StandardWebhooks(_key, id, DateTimeOffset.UtcNow, body, prefix: "svix"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True(SignedRequests.IsReplay(replayed));
        Assert.Equal(HttpStatusCode.OK, svixRetry.StatusCode);
        Assert.True(SignedRequests.IsReplay(svixRetry));
        var eventId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString();
        Assert.Equal(eventId, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString());
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH' AND hook_name = 'standard'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM runs WHERE hook_name = 'standard'"));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET search_path TO {_schema}; {sql}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
