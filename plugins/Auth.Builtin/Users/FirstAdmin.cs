using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Builtin.Diagnostics;

namespace Webhooks.Modular.Auth.Builtin.Users;

/// <summary>
/// At start, while no user exists, creates an admin from <c>WEBHOOKS_ADMIN_USERNAME</c> and
/// <c>WEBHOOKS_ADMIN_PASSWORD</c>; without them, warns that nobody can sign in and says how to fix it. Once any user
/// exists the variables are ignored, so leaving them set does not bring a deleted admin back.
/// </summary>
internal sealed class FirstAdmin(
    IUserStore users, UserAccounts accounts, UserPasswords passwords, ILogger logger, Func<string, string?> environment) : IHostedService
{
    public const string UsernameVariable = "WEBHOOKS_ADMIN_USERNAME";
    public const string PasswordVariable = "WEBHOOKS_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        passwords.WarmUp();
        if (await users.CountUsersAsync(cancellationToken) > 0)
        {
            return;
        }

        var username = environment(UsernameVariable);
        var password = environment(PasswordVariable);
        switch (string.IsNullOrEmpty(username), string.IsNullOrEmpty(password))
        {
            case (true, true):
                Log.NoUsers(logger);
                return;
            case (true, false):
                Log.FirstAdminIncomplete(logger, UsernameVariable);
                return;
            case (false, true):
                Log.FirstAdminIncomplete(logger, PasswordVariable);
                return;
        }

        if ((UserRules.CheckUsername(username!) ?? UserRules.CheckPassword(password!)) is { } problem)
        {
            Log.FirstAdminRefused(logger, problem);
            return;
        }

        if (await accounts.CreateAsync(username!, password!, ApiRoles.Admin, cancellationToken) is null)
        {
            Log.FirstAdminExists(logger, username!); // another host on the same database won the race
            return;
        }

        Log.FirstAdminCreated(logger, username!);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
