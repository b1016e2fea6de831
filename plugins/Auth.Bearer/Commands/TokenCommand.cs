using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Bearer.Commands;

/// <summary>
/// <c>token create|rotate --hook NAME [--scope S] [--expires-in 30d] [--prefix P] [--created-by WHO]</c>,
/// <c>token list --hook NAME | --scope S</c>, <c>token revoke ID</c>. A token is printed once, at creation or rotation.
/// </summary>
internal sealed class TokenCommand(IServiceProvider services) : IHostCommand
{

    public string Name => "token";

    public string Description => "issue, rotate, list and revoke bearer tokens";

    public string Arguments => "create | rotate | list | revoke ID";

    // The nested Options record parses them; this list describes them to the host's help.
    private static readonly HostCommandOption[] DescribedOptions =
    [
        new("--hook", "create, rotate, list: the hook whose tokens these are") { Value = "NAME" },
        new("--scope", "create, rotate, list: a scope other than a hook's (instead of --hook)") { Value = "SCOPE" },
        new("--expires-in", "create, rotate: lifetime, such as 30d, 12h or 90m (default: never)") { Value = "DURATION" },
        new("--prefix", "create, rotate: the token's readable prefix") { Value = "P" },
        new("--created-by", "create, rotate: who asked for it (default: the OS user)") { Value = "WHO" },
    ];

    IReadOnlyList<HostCommandOption> IHostCommand.Options => DescribedOptions;

    public IReadOnlyList<string> Examples { get; } =
    [
        "token create --hook deploy --expires-in 30d",
        "token rotate --hook deploy",
        "token list --hook deploy",
        "token revoke tok_0123",
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

        var store = services.GetService<IAuthTokenStore>();
        if (store is null)
        {
            return await FailAsync(context, "the deployment's storage plugin does not store tokens");
        }

        switch (context.Arguments[0])
        {
            case "create" or "rotate":
                var scope = options.Scope;
                if (scope is null)
                {
                    return await FailAsync(context, "--hook or --scope is required");
                }

                var issued = await services.GetRequiredService<ITokenService>().IssueAsync(
                    scope,
                    options.Prefix,
                    options.ExpiresIn is { } lifetime ? (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow() + lifetime : null,
                    options.CreatedBy ?? Environment.UserName,
                    replaceScope: context.Arguments[0] == "rotate",
                    cancellationToken);
                await context.Output.WriteLineAsync($"token:   {issued.Token}");
                await context.Output.WriteLineAsync("         (shown once: store it now; only its hash is kept)");
                await WriteAsync(context.Output, issued.Record);
                return 0;

            case "list":
                if (options.Scope is null)
                {
                    return await FailAsync(context, "--hook or --scope is required");
                }

                foreach (var token in await store.ListTokensAsync(options.Scope, cancellationToken))
                {
                    await WriteAsync(context.Output, token);
                    await context.Output.WriteLineAsync();
                }

                return 0;

            case "revoke":
                if (context.Arguments.Count != 2)
                {
                    return await FailAsync(context, "revoke takes exactly one token id");
                }

                if (!await store.RevokeTokenAsync(context.Arguments[1], cancellationToken))
                {
                    await context.Error.WriteLineAsync($"error: no token with id '{context.Arguments[1]}'");
                    return 1;
                }

                await context.Output.WriteLineAsync($"revoked {context.Arguments[1]}");
                return 0;

            default:
                return await FailAsync(context, $"unknown subcommand '{context.Arguments[0]}'");
        }
    }

    private static async Task WriteAsync(TextWriter output, AuthTokenRecord token)
    {
        await output.WriteLineAsync($"id:      {token.Id}");
        await output.WriteLineAsync($"prefix:  {token.Prefix}");
        await output.WriteLineAsync($"scope:   {token.Scope}");
        await output.WriteLineAsync($"created: {token.CreatedAt:O}{(token.CreatedBy is null ? string.Empty : $" by {token.CreatedBy}")}");
        await output.WriteLineAsync($"expires: {(token.ExpiresAt is { } expires ? expires.ToString("O", CultureInfo.InvariantCulture) : "never")}");
        await output.WriteLineAsync($"used:    {(token.LastUsedAt is { } used ? used.ToString("O", CultureInfo.InvariantCulture) : "never")}");
    }

    private static async Task<int> FailAsync(HostCommandContext context, string message)
    {
        // One line naming what was wrong; the whole usage is one 'help token' away.
        await context.Error.WriteLineAsync($"error: {message} (see 'token --help')");
        return 2;
    }

    /// <summary>The options after the subcommand.</summary>
    private sealed record Options(string? Scope, TimeSpan? ExpiresIn, string? Prefix, string? CreatedBy, string? Error)
    {
        public static Options Parse(string[] args)
        {
            string? scope = null, prefix = null, createdBy = null;
            TimeSpan? expiresIn = null;
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (!name.StartsWith("--", StringComparison.Ordinal))
                {
                    continue; // positional (revoke's id)
                }

                if (i + 1 >= args.Length)
                {
                    return new Options(null, null, null, null, $"{name} needs a value");
                }

                var value = args[++i];
                switch (name)
                {
                    case "--hook":
                        scope = BearerAuthSchemeFactory.ScopeOf(value);
                        break;
                    case "--scope":
                        scope = value;
                        break;
                    case "--prefix":
                        prefix = value;
                        break;
                    case "--created-by":
                        createdBy = value;
                        break;
                    case "--expires-in":
                        expiresIn = ParseDuration(value);
                        if (expiresIn is null)
                        {
                            return new Options(null, null, null, null, $"--expires-in '{value}' is not a duration such as 30d, 12h or 90m");
                        }

                        break;
                    default:
                        return new Options(null, null, null, null, $"unknown option {name}");
                }
            }

            return new Options(scope, expiresIn, prefix, createdBy, null);
        }

        private static TimeSpan? ParseDuration(string text)
        {
            if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                return null;
            }

            return text[^1] switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => null,
            };
        }
    }
}
