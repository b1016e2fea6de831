using System.Text.Json;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

public sealed class LoginTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Right_password_returns_a_session_token_its_expiry_and_the_user()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var alice = await fixture.CreateUserAsync("Alice", Password, ApiRoles.Developer);

        var (status, body, response) = await fixture.LoginAsync("alice", Password);

        Assert.Equal(200, status);
        var token = body.GetProperty("token").GetString()!;
        Assert.StartsWith("wms_", token);
        Assert.Equal(fixture.Clock.UtcNow.AddHours(24), body.GetProperty("expiresAt").GetDateTimeOffset());
        var user = body.GetProperty("user");
        Assert.Equal(alice.Id, user.GetProperty("id").GetString());
        Assert.Equal("Alice", user.GetProperty("username").GetString());
        Assert.Equal(ApiRoles.Developer, user.GetProperty("role").GetString());
        Assert.Equal(["token", "expiresAt", "user"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());

        var stored = await fixture.Tokens.ValidateAsync(token, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal($"session:{alice.Id}", stored.Scope);
        Assert.Equal(alice.Id, stored.CreatedBy);
        Assert.Equal(fixture.Clock.UtcNow.AddHours(24), stored.ExpiresAt);
    }

    [Fact]
    public async Task Each_login_is_a_new_session_and_earlier_ones_keep_working()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("alice", Password);

        var first = await fixture.SessionAsync("alice", Password);
        var second = await fixture.SessionAsync("alice", Password);

        Assert.NotEqual(first, second);
        Assert.NotNull(await fixture.AuthenticateAsync($"Bearer {first}"));
        Assert.NotNull(await fixture.AuthenticateAsync($"Bearer {second}"));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("alice", Password);

        var wrongPassword = await fixture.LoginAsync("alice", Password + "!");
        var unknownUser = await fixture.LoginAsync("mallory", Password);

        Assert.Equal(401, wrongPassword.Status);
        Assert.Equal(401, unknownUser.Status);
        const string expected = """{"code":"unauthorized","message":"invalid username or password"}""";
        Assert.Equal(expected, JsonSerializer.Serialize(wrongPassword.Body));
        Assert.Equal(expected, JsonSerializer.Serialize(unknownUser.Body));
        Assert.DoesNotContain(Password, fixture.Logs.Text);
        Assert.DoesNotContain("mallory", fixture.Logs.Text);
        Assert.Contains("wrong password for user alice", fixture.Logs.Text);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"username":"alice"}""")]
    [InlineData("""{"password":"x"}""")]
    [InlineData("""{"username":1,"password":"x"}""")]
    [InlineData("""{"username":"alice","password":null}""")]
    [InlineData("""{"username":"","password":"x"}""")]
    public async Task Body_that_is_not_json_or_lacks_username_or_password_is_a_400(string body)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (status, answer, _) = await fixture.LoginAsync(body);

        Assert.Equal(400, status);
        Assert.Equal("bad_request", answer.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Oversized_body_is_a_400_and_not_parsed()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (status, answer, _) = await fixture.LoginAsync("alice", new string('x', 20_000));

        Assert.Equal(400, status);
        Assert.Contains("larger than", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Settings_choose_the_session_length_and_prefix()
    {
        await using var fixture = await BuiltinFixture.CreateAsync("""{ "sessionHours": 1.5, "sessionPrefix": "dagu_st_" }""");
        await fixture.CreateUserAsync("alice", Password);

        var (status, body, _) = await fixture.LoginAsync("alice", Password);

        Assert.Equal(200, status);
        Assert.StartsWith("dagu_st_", body.GetProperty("token").GetString());
        Assert.Equal(fixture.Clock.UtcNow.AddMinutes(90), body.GetProperty("expiresAt").GetDateTimeOffset());
    }
}
