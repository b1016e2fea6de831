using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Credentials;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh.Commands;

/// <summary>
/// <c>credential create --name N --type TYPE [--header H] [--username U] (--value-env VAR | --value-stdin)</c>,
/// <c>credential list</c>, <c>credential delete UUID</c>. The secret (API key, token, password, header value) is read
/// from an environment variable or standard input, never from the command line: a command line is visible to every
/// user of the machine (<c>ps</c>) and kept in shell history.
/// </summary>
/// <param name="services">The deployment's services.</param>
/// <param name="environment">Reads environment variables (tests give their own).</param>
/// <param name="input">Standard input (tests give their own).</param>
internal sealed class CredentialCommand(IServiceProvider services, Func<string, string?>? environment = null, TextReader? input = null) : IHostCommand
{

    private static readonly string[] SecretOptions = ["--value", "--api-key", "--token", "--password", "--header-value", "--secret"];

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public string Name => "credential";

    public string Description => "create, list and delete the credentials Dograh webhook nodes authenticate with";

    public string Arguments => "create | list | delete UUID";

    // The nested Options record parses them; this list describes them to the host's help.
    private static readonly HostCommandOption[] DescribedOptions =
    [
        new("--name", "create: the credential's name") { Value = "NAME" },
        new("--type", "create: NONE, API_KEY, BEARER_TOKEN, BASIC_AUTH or CUSTOM_HEADER") { Value = "TYPE" },
        new("--header", "create: API_KEY's header (default X-API-Key) or CUSTOM_HEADER's") { Value = "HEADER" },
        new("--username", "create: BASIC_AUTH's user") { Value = "USER" },
        new("--value-env", "create: the environment variable holding the secret") { Value = "VAR" },
        new("--value-stdin", "create: read the secret from the first line of standard input"),
        .. SecretOptions.Select(o => new HostCommandOption(o, "refused: a secret on the command line shows in ps and shell history") { Value = "S", Hidden = true }),
    ];

    IReadOnlyList<HostCommandOption> IHostCommand.Options => DescribedOptions;

    public IReadOnlyList<string> Examples { get; } =
    [
        "credential create --name CRM --type BEARER_TOKEN --value-env CRM_TOKEN",
        "credential list",
        "credential delete 3f2a9c1e-0000-4000-8000-000000000000",
    ];

    public async Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Arguments.Count == 0)
        {
            return await FailAsync(context, "a subcommand is required");
        }

        var options = Options.Parse(context.Arguments.Skip(1).ToArray());
        if (options.Error is not null)
        {
            return await FailAsync(context, options.Error);
        }

        if (services.GetService<ICredentialManager>() is not { } credentials)
        {
            return await FailAsync(context, "this deployment has no credential store (the delivery engine and a storage plugin are needed)");
        }

        return context.Arguments[0] switch
        {
            "create" => await CreateAsync(context, options, credentials, cancellationToken),
            "list" => await ListAsync(context, options, credentials, cancellationToken),
            "delete" => await DeleteAsync(context, options, credentials, cancellationToken),
            _ => await FailAsync(context, $"unknown subcommand '{context.Arguments[0]}'"),
        };
    }

    private async Task<int> CreateAsync(HostCommandContext context, Options options, ICredentialManager credentials, CancellationToken cancellationToken)
    {
        if (options.Positional.Count > 0)
        {
            return await FailAsync(context, $"unexpected argument '{options.Positional[0]}'");
        }

        if (options.Name is null || options.Type is null)
        {
            return await FailAsync(context, "create needs --name and --type");
        }

        var type = options.Type.ToUpperInvariant();
        if (!CredentialTypes.All.Contains(type, StringComparer.Ordinal))
        {
            return await FailAsync(context, $"--type '{options.Type}' is not one of {string.Join(", ", CredentialTypes.All)}");
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (type != CredentialTypes.None)
        {
            if ((options.ValueEnv is null ? 0 : 1) + (options.ValueStdin ? 1 : 0) != 1)
            {
                return await FailAsync(context, $"{type} needs its secret from exactly one of --value-env VAR or --value-stdin");
            }

            var secret = options.ValueEnv is { } variable ? _environment(variable) : (input ?? Console.In).ReadLine()?.TrimEnd('\r');
            if (string.IsNullOrEmpty(secret))
            {
                return await FailAsync(context, options.ValueEnv is { } name
                    ? $"environment variable '{name}' (--value-env) is not set or is empty"
                    : "standard input (--value-stdin) gave no value");
            }

            switch (type)
            {
                case CredentialTypes.ApiKey:
                    data["header_name"] = options.Header ?? "X-API-Key";
                    data["api_key"] = secret;
                    break;
                case CredentialTypes.BearerToken:
                    data["token"] = secret;
                    break;
                case CredentialTypes.BasicAuth:
                    if (options.Username is null)
                    {
                        return await FailAsync(context, "BASIC_AUTH needs --username (the password is the secret)");
                    }

                    data["username"] = options.Username;
                    data["password"] = secret;
                    break;
                case CredentialTypes.CustomHeader:
                    if (options.Header is null)
                    {
                        return await FailAsync(context, "CUSTOM_HEADER needs --header (its value is the secret)");
                    }

                    data["header_name"] = options.Header;
                    data["header_value"] = secret;
                    break;
            }
        }
        else if (options.ValueEnv is not null || options.ValueStdin || options.Header is not null || options.Username is not null)
        {
            return await FailAsync(context, "NONE takes no --header, --username or value");
        }

        CredentialRecord created;
        try
        {
            created = await credentials.CreateAsync(options.Name, type, data, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            var field = CredentialFields.FieldOf(exception.ParamName);
            await context.Error.WriteLineAsync($"error: {CredentialFields.DetailOf(exception, field)}");
            return 1;
        }

        await context.Output.WriteLineAsync($"uuid:    {created.Id}");
        await WriteAsync(context.Output, created);
        return 0;
    }

    private static async Task<int> ListAsync(HostCommandContext context, Options options, ICredentialManager credentials, CancellationToken cancellationToken)
    {
        if (options.Any)
        {
            return await FailAsync(context, "list takes no options");
        }

        var all = await credentials.ListAsync(cancellationToken);
        var nameWidth = Math.Max("NAME".Length, all.Count == 0 ? 0 : all.Max(c => c.Name.Length));
        var hintWidth = Math.Max("HINT".Length, all.Count == 0 ? 0 : all.Max(c => c.Hint.Length));
        await context.Output.WriteLineAsync($"{"UUID",-36}  {"NAME".PadRight(nameWidth)}  {"TYPE",-13}  {"HINT".PadRight(hintWidth)}  CREATED");
        foreach (var credential in all)
        {
            await context.Output.WriteLineAsync(
                $"{credential.Id,-36}  {credential.Name.PadRight(nameWidth)}  {credential.Type,-13}  {credential.Hint.PadRight(hintWidth)}  {Created(credential)}");
        }

        return 0;
    }

    private async Task<int> DeleteAsync(HostCommandContext context, Options options, ICredentialManager credentials, CancellationToken cancellationToken)
    {
        if (options.Positional.Count != 1 || options.Any)
        {
            return await FailAsync(context, "delete takes exactly one credential uuid");
        }

        var given = options.Positional[0];
        if (CredentialEndpoints.Canonical(given) is not { } id || await credentials.GetAsync(id, cancellationToken) is null)
        {
            await context.Error.WriteLineAsync($"error: no credential with uuid '{given}'");
            return 1;
        }

        if (services.GetService<WorkflowCatalog>()?.NodesUsing(id) is { Count: > 0 } users)
        {
            await context.Error.WriteLineAsync($"error: credential {id} is used by {string.Join(", ", users)}; remove it from the workflow first");
            return 1;
        }

        if (!await credentials.DeleteAsync(id, cancellationToken))
        {
            await context.Error.WriteLineAsync($"error: no credential with uuid '{given}'");
            return 1;
        }

        await context.Output.WriteLineAsync($"deleted credential {id}");
        return 0;
    }

    private static async Task WriteAsync(TextWriter output, CredentialRecord credential)
    {
        await output.WriteLineAsync($"name:    {credential.Name}");
        await output.WriteLineAsync($"type:    {credential.Type}");
        await output.WriteLineAsync($"hint:    {credential.Hint}");
        await output.WriteLineAsync($"created: {Created(credential)}");
    }

    private static string Created(CredentialRecord credential) =>
        credential.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<int> FailAsync(HostCommandContext context, string message)
    {
        // One line naming what was wrong; the whole usage is one 'help credential' away.
        await context.Error.WriteLineAsync($"error: {message} (see 'credential --help')");
        return 2;
    }

    /// <summary>The options after the subcommand.</summary>
    private sealed record Options(
        string? Name, string? Type, string? Header, string? Username, string? ValueEnv, bool ValueStdin, IReadOnlyList<string> Positional, string? Error)
    {
        public bool Any => Name is not null || Type is not null || Header is not null || Username is not null || ValueEnv is not null || ValueStdin;

        public static Options Parse(string[] args)
        {
            string? name = null, type = null, header = null, username = null, valueEnv = null;
            var valueStdin = false;
            var positional = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                var option = args[i];
                var bare = option.Split('=', 2)[0];
                if (SecretOptions.Contains(bare, StringComparer.Ordinal))
                {
                    return Fail($"{bare} is not accepted (a command line shows in ps and shell history); put the secret in an environment variable and pass its name with --value-env, or pipe it in with --value-stdin");
                }

                if (!option.StartsWith("--", StringComparison.Ordinal))
                {
                    positional.Add(option);
                    continue;
                }

                if (option == "--value-stdin")
                {
                    valueStdin = true;
                    continue;
                }

                if (i + 1 >= args.Length)
                {
                    return Fail($"{option} needs a value");
                }

                var value = args[++i];
                switch (option)
                {
                    case "--name":
                        name = value;
                        break;
                    case "--type":
                        type = value;
                        break;
                    case "--header":
                        header = value;
                        break;
                    case "--username":
                        username = value;
                        break;
                    case "--value-env":
                        valueEnv = value;
                        break;
                    default:
                        return Fail($"unknown option {option}");
                }
            }

            return new Options(name, type, header, username, valueEnv, valueStdin, positional, null);
        }

        private static Options Fail(string error) => new(null, null, null, null, null, false, [], error);
    }
}
