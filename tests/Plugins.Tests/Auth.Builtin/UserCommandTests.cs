using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

public sealed class UserCommandTests
{
    private const string Password = "dana's long password";
    private static readonly Dictionary<string, string> Environment = new() { ["DANA_PASSWORD"] = Password };

    [Fact]
    public async Task Create_takes_the_password_from_the_named_variable_and_the_user_can_sign_in()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (exitCode, output, error) = await fixture.UserCommandAsync(Environment, "create", "--username", "dana", "--role", "Manager", "--password-env", "DANA_PASSWORD");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("created user dana (role manager, id ", output);
        Assert.DoesNotContain(Password, output);
        var (status, body, _) = await fixture.LoginAsync("dana", Password);
        Assert.Equal(200, status);
        Assert.Equal(ApiRoles.Manager, body.GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Unknown_role_is_one_error_line_and_exit_2()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (exitCode, _, error) = await fixture.UserCommandAsync(Environment, "create", "--username", "dana", "--role", "root", "--password-env", "DANA_PASSWORD");

        Assert.Equal(2, exitCode);
        Assert.Equal("error: role 'root' is not one of admin, manager, developer, operator, viewer (see 'user --help')", error.TrimEnd());
        Assert.Equal(0, await fixture.Users.CountUsersAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("error: a subcommand is required")]
    [InlineData("error: unknown subcommand 'add'", "add")]
    [InlineData("error: create needs --username, --role and --password-env", "create", "--username", "dana", "--role", "viewer")]
    [InlineData("error: environment variable 'NOT_SET' (--password-env) is not set or is empty", "create", "--username", "dana", "--role", "viewer", "--password-env", "NOT_SET")]
    [InlineData("error: a password must be 8 to 1024 characters (from 'SHORT')", "create", "--username", "dana", "--role", "viewer", "--password-env", "SHORT")]
    [InlineData("error: username 'dana' must not start or end with spaces or contain control characters", "create", "--username", " dana", "--role", "viewer", "--password-env", "DANA_PASSWORD")]
    [InlineData("error: unknown option --name", "create", "--name", "dana")]
    [InlineData("error: --username needs a value", "delete", "--username")]
    [InlineData("error: unexpected argument 'dana'", "delete", "dana")]
    [InlineData("error: list takes no options", "list", "--role", "admin")]
    public async Task Usage_errors_are_one_line_and_exit_2(string expected, params string[] arguments)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (exitCode, _, error) = await fixture.UserCommandAsync(new Dictionary<string, string>(Environment) { ["SHORT"] = "short" }, arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{expected} (see 'user --help')", error.TrimEnd());
        Assert.Equal(0, await fixture.Users.CountUsersAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("--password", "p@ssw0rd-on-the-command-line")]
    [InlineData("--password=p@ssw0rd-on-the-command-line")]
    public async Task Password_on_the_command_line_is_refused_without_echoing_it(params string[] passwordArguments)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (exitCode, output, error) = await fixture.UserCommandAsync(null, ["create", "--username", "dana", "--role", "viewer", .. passwordArguments]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: --password is not accepted", error);
        Assert.DoesNotContain("p@ssw0rd", output + error);
    }

    [Fact]
    public async Task Taken_name_in_any_case_is_an_error_and_exit_1()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("Dana", "another password");

        var (exitCode, _, error) = await fixture.UserCommandAsync(Environment, "create", "--username", "dana", "--role", "viewer", "--password-env", "DANA_PASSWORD");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: a user named 'dana' already exists (names are compared regardless of case)", error.TrimEnd());
    }

    [Fact]
    public async Task List_shows_name_role_and_id_and_never_the_hash()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var erin = await fixture.CreateUserAsync("erin", Password, ApiRoles.Admin);
        var dana = await fixture.CreateUserAsync("dana", Password, ApiRoles.Viewer);

        var (exitCode, output, _) = await fixture.UserCommandAsync(null, "list");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("USERNAME", lines[0]);
        Assert.Matches($"^dana +viewer +{dana.Id} ", lines[1]);
        Assert.Matches($"^erin +admin +{erin.Id} ", lines[2]);
        Assert.DoesNotContain(dana.PasswordHash, output);
    }

    [Fact]
    public async Task Delete_removes_the_user_and_revokes_their_sessions()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("erin", Password, ApiRoles.Admin);
        var dana = await fixture.CreateUserAsync("dana", Password);
        var session = await fixture.SessionAsync("dana", Password);
        await fixture.SessionAsync("dana", Password);

        var (exitCode, output, error) = await fixture.UserCommandAsync(null, "delete", "--username", "DANA");

        Assert.True(exitCode == 0, error);
        Assert.Equal("deleted user dana (2 sessions revoked)", output.TrimEnd());
        Assert.Null(await fixture.Users.FindUserByIdAsync(dana.Id, CancellationToken.None));
        Assert.Empty(await fixture.TokenStore.ListTokensAsync($"session:{dana.Id}", CancellationToken.None));
        Assert.Null(await fixture.AuthenticateAsync($"Bearer {session}"));
    }

    [Fact]
    public async Task Delete_of_an_unknown_user_is_an_error_and_exit_1()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        var (exitCode, _, error) = await fixture.UserCommandAsync(null, "delete", "--username", "nobody");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: no user named 'nobody'", error.TrimEnd());
    }

    [Fact]
    public async Task Last_admin_cannot_be_deleted()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("erin", Password, ApiRoles.Admin);
        await fixture.CreateUserAsync("dana", Password, ApiRoles.Viewer);

        var (exitCode, _, error) = await fixture.UserCommandAsync(null, "delete", "--username", "erin");

        Assert.Equal(1, exitCode);
        Assert.Equal("error: 'erin' is the last admin; create another admin first", error.TrimEnd());
        Assert.Equal(2, await fixture.Users.CountUsersAsync(CancellationToken.None));
    }
}
