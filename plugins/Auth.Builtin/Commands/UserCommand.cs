using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Builtin.Sessions;
using Webhooks.Modular.Auth.Builtin.Users;

namespace Webhooks.Modular.Auth.Builtin.Commands;

/// <summary>
/// <c>user create --username NAME --role ROLE --password-env VAR</c>, <c>user list</c>, <c>user delete --username NAME</c>.
/// The password is read from the named environment variable: a command line is visible to every user of the
/// machine (<c>ps</c>) and kept in shell history.
/// </summary>
internal sealed class UserCommand(IServiceProvider services, Func<string, string?>? environment = null) : IHostCommand
{

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public string Name => "user";

    public string Description => "create, list and delete the users who sign in to the management APIs";

    public string Arguments => "create | list | delete";

    // The nested Options record parses them; this list describes them to the host's help.
    private static readonly HostCommandOption[] DescribedOptions =
    [
        new("--username", "create, delete: the user's name") { Value = "NAME" },
        new("--role", $"create: one of {string.Join(", ", ApiRoles.All)}") { Value = "ROLE" },
        new("--password-env", "create: the environment variable that holds the password (never the password itself)") { Value = "VAR" },
        new("--password", "refused: a password on the command line shows in ps and shell history") { Value = "P", Hidden = true },
    ];

    IReadOnlyList<HostCommandOption> IHostCommand.Options => DescribedOptions;

    public IReadOnlyList<string> Examples { get; } =
    [
        "user create --username dana --role admin --password-env DANA_PASSWORD",
        "user list",
        "user delete --username dana",
    ];

    public async Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Count == 0)
        {
            return await FailAsync(context, "a subcommand is required");
        }

        var options = Options.Parse(context.Arguments.Skip(1).ToArray());
        if (options.Error is not null)
        {
            return await FailAsync(context, options.Error);
        }

        var store = services.GetService<IUserStore>();
        if (store is null)
        {
            return await FailAsync(context, "the deployment's storage plugin does not store users");
        }

        return context.Arguments[0] switch
        {
            "create" => await CreateAsync(context, options, cancellationToken),
            "list" => await ListAsync(context, options, store, cancellationToken),
            "delete" => await DeleteAsync(context, options, store, cancellationToken),
            _ => await FailAsync(context, $"unknown subcommand '{context.Arguments[0]}'"),
        };
    }

    private async Task<int> CreateAsync(HostCommandContext context, Options options, CancellationToken cancellationToken)
    {
        if (options.Username is null || options.Role is null || options.PasswordEnv is null)
        {
            return await FailAsync(context, "create needs --username, --role and --password-env");
        }

        if (UserRules.CanonicalRole(options.Role) is not { } role)
        {
            return await FailAsync(context, $"role '{options.Role}' is not one of {string.Join(", ", ApiRoles.All)}");
        }

        if (UserRules.CheckUsername(options.Username) is { } badName)
        {
            return await FailAsync(context, badName);
        }

        var password = _environment(options.PasswordEnv);
        if (string.IsNullOrEmpty(password))
        {
            return await FailAsync(context, $"environment variable '{options.PasswordEnv}' (--password-env) is not set or is empty");
        }

        if (UserRules.CheckPassword(password) is { } badPassword)
        {
            return await FailAsync(context, $"{badPassword} (from '{options.PasswordEnv}')");
        }

        var user = await services.GetRequiredService<UserAccounts>().CreateAsync(options.Username, password, role, cancellationToken);
        if (user is null)
        {
            await context.Error.WriteLineAsync($"error: a user named '{options.Username}' already exists (names are compared regardless of case)");
            return 1;
        }

        await context.Output.WriteLineAsync($"created user {user.Username} (role {user.Role}, id {user.Id})");
        return 0;
    }

    private static async Task<int> ListAsync(HostCommandContext context, Options options, IUserStore store, CancellationToken cancellationToken)
    {
        if (options.Any)
        {
            return await FailAsync(context, "list takes no options");
        }

        var users = await store.ListUsersAsync(cancellationToken);
        var width = Math.Max("USERNAME".Length, users.Count == 0 ? 0 : users.Max(u => u.Username.Length));
        await context.Output.WriteLineAsync($"{"USERNAME".PadRight(width)}  {"ROLE",-9}  {"ID",-36}  CREATED");
        foreach (var user in users)
        {
            await context.Output.WriteLineAsync(
                $"{user.Username.PadRight(width)}  {user.Role,-9}  {user.Id,-36}  {user.CreatedAt.ToString("O", CultureInfo.InvariantCulture)}");
        }

        return 0;
    }

    private async Task<int> DeleteAsync(HostCommandContext context, Options options, IUserStore store, CancellationToken cancellationToken)
    {
        if (options.Username is null || options.Role is not null || options.PasswordEnv is not null)
        {
            return await FailAsync(context, "delete takes --username only");
        }

        var user = await store.FindUserByNameAsync(options.Username, cancellationToken);
        if (user is null)
        {
            await context.Error.WriteLineAsync($"error: no user named '{options.Username}'");
            return 1;
        }

        // The first-admin variables only act on an empty store, so deleting the last admin would lock everyone out
        // of user management for good.
        if (user.Role == ApiRoles.Admin
            && (await store.ListUsersAsync(cancellationToken)).Count(u => u.Role == ApiRoles.Admin) == 1)
        {
            await context.Error.WriteLineAsync($"error: '{user.Username}' is the last admin; create another admin first");
            return 1;
        }

        await store.DeleteUserAsync(user.Id, cancellationToken);

        // The sessions already stop working with the user; deleting them keeps the token table clean.
        var revoked = 0;
        if (services.GetService<IAuthTokenStore>() is { } tokens)
        {
            foreach (var session in await tokens.ListTokensAsync(SessionScope.Of(user.Id), cancellationToken))
            {
                revoked += await tokens.RevokeTokenAsync(session.Id, cancellationToken) ? 1 : 0;
            }
        }

        await context.Output.WriteLineAsync($"deleted user {user.Username} ({revoked} session{(revoked == 1 ? string.Empty : "s")} revoked)");
        return 0;
    }

    private static async Task<int> FailAsync(HostCommandContext context, string message)
    {
        // One line naming what was wrong; the whole usage is one 'help user' away.
        await context.Error.WriteLineAsync($"error: {message} (see 'user --help')");
        return 2;
    }

    /// <summary>The options after the subcommand.</summary>
    private sealed record Options(string? Username, string? Role, string? PasswordEnv, string? Error)
    {
        public bool Any => Username is not null || Role is not null || PasswordEnv is not null;

        public static Options Parse(string[] args)
        {
            string? username = null, role = null, passwordEnv = null;
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (name is "--password" || name.StartsWith("--password=", StringComparison.Ordinal))
                {
                    return Fail("--password is not accepted (a command line shows in ps and shell history); put the password in an environment variable and pass its name with --password-env");
                }

                if (!name.StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail($"unexpected argument '{name}'");
                }

                if (i + 1 >= args.Length)
                {
                    return Fail($"{name} needs a value");
                }

                var value = args[++i];
                switch (name)
                {
                    case "--username":
                        username = value;
                        break;
                    case "--role":
                        role = value;
                        break;
                    case "--password-env":
                        passwordEnv = value;
                        break;
                    default:
                        return Fail($"unknown option {name}");
                }
            }

            return new Options(username, role, passwordEnv, null);
        }

        private static Options Fail(string error) => new(null, null, null, error);
    }
}
