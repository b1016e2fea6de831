using System.Text;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Plugins.Tests.Auth.Bearer;

public sealed class BearerTokenTests
{
    private const string Scope = "hook:demo";

    [Fact]
    public async Task Issued_token_is_prefix_plus_256_bits_and_only_its_hash_is_stored()
    {
        await using var fixture = await BearerFixture.CreateAsync();

        var issued = await fixture.Tokens.IssueAsync(Scope, "dagu_wh_", null, "alice", replaceScope: false, CancellationToken.None);

        Assert.StartsWith("dagu_wh_", issued.Token);
        // base58 of 32 random bytes is 43 or 44 characters (44 for most values).
        Assert.InRange(issued.Token.Length - "dagu_wh_".Length, 42, 44);
        Assert.Equal(issued.Token[..12], issued.Record.Prefix);
        Assert.Equal(32, issued.Record.Hash.Length);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = await File.ReadAllBytesAsync(Path.Combine(fixture.Folder, "webhooks.db"));
        var wal = File.Exists(Path.Combine(fixture.Folder, "webhooks.db-wal")) ? await File.ReadAllBytesAsync(Path.Combine(fixture.Folder, "webhooks.db-wal")) : [];
        var secretPart = Encoding.UTF8.GetBytes(issued.Token[12..]);
        Assert.False(database.AsSpan().IndexOf(secretPart) >= 0 || wal.AsSpan().IndexOf(secretPart) >= 0, "the token itself must not be on disk");
    }

    [Fact]
    public async Task Issued_token_opens_its_hook_and_records_last_use()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var issued = await fixture.Tokens.IssueAsync(Scope, null, null, null, false, CancellationToken.None);

        var result = await fixture.Authenticator().AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.StartsWith("wh_", issued.Token);
        var recorded = await PollAsync(async () => (await fixture.Store.FindTokenAsync(issued.Record.Hash, CancellationToken.None))?.LastUsedAt);
        Assert.Equal(fixture.Clock.UtcNow, recorded);
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var issued = await fixture.Tokens.IssueAsync(Scope, null, null, null, false, CancellationToken.None);
        var authenticator = fixture.Authenticator();
        var firstUse = fixture.Clock.UtcNow;
        await authenticator.AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);
        Assert.Equal(firstUse, await PollAsync(async () => (await fixture.Store.FindTokenAsync(issued.Record.Hash, CancellationToken.None))?.LastUsedAt));

        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await authenticator.AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);
        await Task.Delay(300);
        Assert.Equal(firstUse, (await fixture.Store.FindTokenAsync(issued.Record.Hash, CancellationToken.None))!.LastUsedAt);

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        await authenticator.AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);
        var later = fixture.Clock.UtcNow;
        Assert.Equal(later, await PollAsync(async () =>
            (await fixture.Store.FindTokenAsync(issued.Record.Hash, CancellationToken.None))?.LastUsedAt is { } used && used == later ? used : (DateTimeOffset?)null));
    }

    [Fact]
    public async Task Rotation_stops_the_old_token_at_once()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var authenticator = fixture.Authenticator();
        var old = await fixture.Tokens.IssueAsync(Scope, null, null, null, false, CancellationToken.None);

        var rotated = await fixture.Tokens.IssueAsync(Scope, null, null, null, replaceScope: true, CancellationToken.None);

        var oldResult = await authenticator.AuthenticateAsync(BearerFixture.WithToken(old.Token), CancellationToken.None);
        Assert.False(oldResult.Succeeded);
        Assert.Equal("unknown token", oldResult.FailureReason);
        Assert.True((await authenticator.AuthenticateAsync(BearerFixture.WithToken(rotated.Token), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var issued = await fixture.Tokens.IssueAsync(Scope, null, fixture.Clock.UtcNow.AddHours(1), null, false, CancellationToken.None);
        var authenticator = fixture.Authenticator();
        Assert.True((await authenticator.AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None)).Succeeded);

        fixture.Clock.Advance(TimeSpan.FromHours(1));

        var result = await authenticator.AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Contains("expired", result.FailureReason);
    }

    [Fact]
    public async Task Validate_finds_a_live_token_and_not_an_expired_or_unknown_one()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var live = await fixture.Tokens.IssueAsync("session:u1", "dagu_st_", fixture.Clock.UtcNow.AddHours(2), "u1", false, CancellationToken.None);
        var shortLived = await fixture.Tokens.IssueAsync("session:u2", null, fixture.Clock.UtcNow.AddHours(1), "u2", false, CancellationToken.None);

        fixture.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(live.Record.Id, (await fixture.Tokens.ValidateAsync(live.Token, CancellationToken.None))?.Id);
        Assert.Null(await fixture.Tokens.ValidateAsync(shortLived.Token, CancellationToken.None));
        Assert.Null(await fixture.Tokens.ValidateAsync(live.Token + "x", CancellationToken.None));
    }

    [Fact]
    public async Task Token_of_another_hook_is_refused()
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var issued = await fixture.Tokens.IssueAsync("hook:other", null, null, null, false, CancellationToken.None);

        var result = await fixture.Authenticator().AuthenticateAsync(BearerFixture.WithToken(issued.Token), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("another scope", result.FailureReason);
    }

    [Theory]
    [InlineData(null, "missing Authorization header")]
    [InlineData("Basic dXNlcjpwYXNz", "not a Bearer token")]
    [InlineData("Bearer", "not a Bearer token")]
    [InlineData("Bearer wh_not-a-real-token-at-all", "unknown token")]
    public async Task Bad_headers_fail_with_the_reason(string? header, string reason)
    {
        await using var fixture = await BearerFixture.CreateAsync();
        var request = header is null ? Requests.With() : Requests.WithHeader("Authorization", header);

        var result = await fixture.Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.FailureReason);
    }

    [Fact]
    public async Task Configured_token_from_the_environment_opens_the_hook_and_lowercase_scheme_is_accepted()
    {
        Environment.SetEnvironmentVariable("BEARER_TEST_TOKEN", "configured-token-0123456789");
        await using var fixture = await BearerFixture.CreateAsync();
        var authenticator = fixture.Authenticator("""{ "tokens": ["env:BEARER_TEST_TOKEN"] }""");

        Assert.True((await authenticator.AuthenticateAsync(Requests.WithHeader("Authorization", "bearer configured-token-0123456789"), CancellationToken.None)).Succeeded);
        Assert.False((await authenticator.AuthenticateAsync(BearerFixture.WithToken("configured-token-0123456780"), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Short_configured_token_and_unknown_setting_are_errors_naming_the_key()
    {
        await using var fixture = await BearerFixture.CreateAsync();

        var shortToken = Assert.Throws<PluginConfigurationException>(() => fixture.Authenticator("""{ "tokens": ["short"] }"""));
        var unknown = Assert.Throws<PluginConfigurationException>(() => fixture.Authenticator("""{ "token": ["x"] }"""));

        Assert.EndsWith("settings:tokens:0", shortToken.Key);
        Assert.EndsWith("settings:token", unknown.Key);
    }

    [Fact]
    public async Task Hash_key_file_is_created_once_and_reused_so_tokens_survive_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("bearer-restart-").FullName;
        try
        {
            string token;
            await using (var first = await BearerFixture.CreateAsync(folder: folder))
            {
                token = (await first.Tokens.IssueAsync(Scope, null, null, null, false, CancellationToken.None)).Token;
            }

            var keyFile = Path.Combine(folder, "data", "bearer-token-hash.key");
            Assert.Equal(32, new FileInfo(keyFile).Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            await using var second = await BearerFixture.CreateAsync(folder: folder);
            Assert.True((await second.Authenticator().AuthenticateAsync(BearerFixture.WithToken(token), CancellationToken.None)).Succeeded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<T?> PollAsync<T>(Func<Task<T?>> read)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        return default;
    }
}
