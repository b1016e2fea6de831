using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Plugins.Tests.Auth.Builtin;

public sealed class FirstAdminTests
{
    private const string AdminPassword = "first-admin-secret-4711";

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = "root",
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
    };

    [Fact]
    public async Task With_no_users_the_variables_create_an_admin_who_can_sign_in()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        await fixture.RunFirstAdminAsync(Variables);

        var root = Assert.Single(await fixture.Users.ListUsersAsync(CancellationToken.None));
        Assert.Equal(("root", ApiRoles.Admin), (root.Username, root.Role));
        Assert.DoesNotContain(AdminPassword, root.PasswordHash);
        Assert.Equal(200, (await fixture.LoginAsync("root", AdminPassword)).Status);
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("first admin, root", StringComparison.Ordinal));
        Assert.DoesNotContain(AdminPassword, fixture.Logs.Text);
    }

    [Fact]
    public async Task Once_any_user_exists_the_variables_are_ignored()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        await fixture.CreateUserAsync("carol", "carol's password", ApiRoles.Viewer);

        await fixture.RunFirstAdminAsync(Variables);

        Assert.Equal("carol", Assert.Single(await fixture.Users.ListUsersAsync(CancellationToken.None)).Username);
        Assert.Equal(401, (await fixture.LoginAsync("root", AdminPassword)).Status);
    }

    [Fact]
    public async Task Run_twice_creates_the_admin_once()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        await fixture.RunFirstAdminAsync(Variables);
        await fixture.RunFirstAdminAsync(Variables);

        Assert.Equal(1, await fixture.Users.CountUsersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_the_variables_it_warns_how_to_create_a_user()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        await fixture.RunFirstAdminAsync(new Dictionary<string, string>());

        Assert.Equal(0, await fixture.Users.CountUsersAsync(CancellationToken.None));
        var warning = Assert.Single(fixture.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("WEBHOOKS_ADMIN_USERNAME and WEBHOOKS_ADMIN_PASSWORD", warning.Message);
        Assert.Contains("user create", warning.Message);
    }

    [Theory]
    [InlineData("WEBHOOKS_ADMIN_USERNAME")]
    [InlineData("WEBHOOKS_ADMIN_PASSWORD")]
    public async Task With_one_variable_missing_it_names_it_and_creates_nobody(string missing)
    {
        await using var fixture = await BuiltinFixture.CreateAsync();
        var variables = new Dictionary<string, string>(Variables);
        variables.Remove(missing);

        await fixture.RunFirstAdminAsync(variables);

        Assert.Equal(0, await fixture.Users.CountUsersAsync(CancellationToken.None));
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"{missing} is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(AdminPassword, fixture.Logs.Text);
    }

    [Fact]
    public async Task Too_short_password_is_refused_with_an_error_that_does_not_show_it()
    {
        await using var fixture = await BuiltinFixture.CreateAsync();

        await fixture.RunFirstAdminAsync(new Dictionary<string, string> { ["WEBHOOKS_ADMIN_USERNAME"] = "root", ["WEBHOOKS_ADMIN_PASSWORD"] = "hunter2" });

        Assert.Equal(0, await fixture.Users.CountUsersAsync(CancellationToken.None));
        var error = Assert.Single(fixture.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("8 to 1024 characters", error.Message);
        Assert.DoesNotContain("hunter2", fixture.Logs.Text);
    }
}
