using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

public sealed class SessionAuthenticatorTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Session_token_authenticates_its_user_with_the_user_s_role()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var bob = await fixture.CreateUserAsync("bob", Password, ApiRoles.Operator);
        var token = await fixture.SessionAsync("bob", Password);

        var user = await fixture.AuthenticateAsync($"Bearer {token}");

        Assert.Equal(new ApiUser(bob.Id, "bob", ApiRoles.Operator), user);
        Assert.Equal(user, await fixture.AuthenticateAsync($"bearer {token}"));
    }

    [Theory]
    [InlineData("hook:deploy")]
    [InlineData("dag:nightly")]
    [InlineData("session")]
    [InlineData("session:")]
    [InlineData("Session:{id}")]
    public async Task Token_of_a_webhook_or_any_other_scope_is_not_a_session(string scope)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var bob = await fixture.CreateUserAsync("bob", Password, ApiRoles.Admin);
        var issued = await fixture.Tokens.IssueAsync(scope.Replace("{id}", bob.Id, StringComparison.Ordinal), "wms_", null, "test", false, CancellationToken.None);

        Assert.NotNull(await fixture.Tokens.ValidateAsync(issued.Token, CancellationToken.None)); // a live token, just not a session
        Assert.Null(await fixture.AuthenticateAsync($"Bearer {issued.Token}"));
    }

    [Fact]
    public async Task Expired_session_is_refused()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("bob", Password);
        var token = await fixture.SessionAsync("bob", Password);

        fixture.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await fixture.AuthenticateAsync($"Bearer {token}"));

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await fixture.AuthenticateAsync($"Bearer {token}"));
    }

    [Fact]
    public async Task Deleted_user_s_session_is_refused()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var bob = await fixture.CreateUserAsync("bob", Password);
        var token = await fixture.SessionAsync("bob", Password);

        await fixture.Users.DeleteUserAsync(bob.Id, CancellationToken.None);

        Assert.Null(await fixture.AuthenticateAsync($"Bearer {token}"));
    }

    [Fact]
    public async Task Session_of_a_user_deleted_and_recreated_under_the_same_name_is_refused()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var bob = await fixture.CreateUserAsync("bob", Password);
        var token = await fixture.SessionAsync("bob", Password);
        await fixture.Users.DeleteUserAsync(bob.Id, CancellationToken.None);

        await fixture.CreateUserAsync("bob", Password);

        Assert.Null(await fixture.AuthenticateAsync($"Bearer {token}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Basic Ym9iOmNvcnJlY3QgaG9yc2UgYmF0dGVyeQ==")]
    [InlineData("Bearer wms_not-a-token-anyone-was-given")]
    public async Task Request_without_a_valid_session_is_anonymous(string? authorization)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("bob", Password);

        Assert.Null(await fixture.AuthenticateAsync(authorization));
    }
}
