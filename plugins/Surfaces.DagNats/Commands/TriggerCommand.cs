using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Triggers;
using Webhooks.Modular.Surfaces.DagNats.Workflows;

namespace Webhooks.Modular.Surfaces.DagNats.Commands;

/// <summary>
/// <c>trigger create &lt;name&gt; --workflow W (--webhook [--secret S] | --subject S [--filter-field F --filter-value V])</c>,
/// <c>trigger list</c>, <c>trigger delete &lt;name&gt;</c>. Writes the hook store (and the secret file); a running server
/// picks the change up at once through the store's change signal (within a second at the latest). Every error is one <c>error: ...</c> line; usage errors exit 2, others 1.
/// </summary>
internal sealed class TriggerCommand(IServiceProvider services) : IHostCommand
{
    public const string Usage =
        "usage: trigger create <name> --workflow <workflow> --webhook [--secret <secret>]\n" +
        "       trigger create <name> --workflow <workflow> --subject <subject> [--filter-field <dotted.path> --filter-value <value>]\n" +
        "       trigger list\n" +
        "       trigger delete <name>";

    private const int UsageError = 2;
    private const int Failure = 1;

    public string Name => "trigger";

    public string Description => "create, list and delete DagNats triggers (webhooks and event triggers)";

    public string Arguments => "create NAME | list | delete NAME";

    public IReadOnlyList<HostCommandOption> Options { get; } =
    [
        new("--workflow", "create: the workflow the trigger starts") { Value = "WORKFLOW" },
        new("--webhook", "create: a webhook trigger (POST /v1/webhooks/NAME)"),
        new("--secret", "create: the webhook trigger's own secret (default: DAGNATS_WEBHOOK_SECRET)") { Value = "SECRET" },
        new("--subject", "create: an event trigger on this NATS subject") { Value = "SUBJECT" },
        new("--filter-field", "create: an event trigger's condition field (dotted path)") { Value = "PATH" },
        new("--filter-value", "create: the value --filter-field must have") { Value = "VALUE" },
    ];

    public IReadOnlyList<string> Examples { get; } =
    [
        "trigger create deploy --workflow ci-pipeline --webhook",
        "trigger create on-order --workflow fulfil --subject orders.created --filter-field status --filter-value paid",
        "trigger list",
        "trigger delete deploy",
    ];

    public async Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        if (arguments.Count == 0)
        {
            return await FailAsync(context, UsageError, "a subcommand is required: create, list or delete ('trigger help' shows the usage)");
        }

        if (arguments[0] is "help" or "--help" or "-h")
        {
            await context.Output.WriteLineAsync(Usage);
            return 0;
        }

        if (services.GetService<IHookStore>() is not { } store)
        {
            return await FailAsync(context, Failure, "triggers are kept in the hook store, and the deployment's storage plugin does not store hooks");
        }

        var rest = arguments.Skip(1).ToArray();
        return arguments[0] switch
        {
            "create" => await CreateAsync(context, store, rest, cancellationToken),
            "list" when rest.Length == 0 => await ListAsync(context, store, cancellationToken),
            "list" => await FailAsync(context, UsageError, $"trigger list takes no arguments (got '{rest[0]}')"),
            "delete" when rest.Length == 1 => await DeleteAsync(context, store, rest[0]),
            "delete" => await FailAsync(context, UsageError, "trigger delete takes exactly one trigger name"),
            var other => await FailAsync(context, UsageError, $"unknown subcommand '{other}' (create, list or delete)"),
        };
    }

    private async Task<int> CreateAsync(HostCommandContext context, IHookStore store, string[] arguments, CancellationToken cancellationToken)
    {
        if (CreateOptions.Parse(arguments, out var problem) is not { } options)
        {
            return await FailAsync(context, UsageError, problem!);
        }

        var settings = services.GetRequiredService<DagNatsOptions>();
        var workflows = services.GetRequiredService<WorkflowFiles>();
        if (workflows.Find(options.Workflow) is not { } workflowFile)
        {
            var known = workflows.Names();
            return await FailAsync(context, UsageError,
                $"unknown workflow '{options.Workflow}': no {options.Workflow}.yaml in {workflows.Directory} (workflows: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }

        if (await store.GetHookAsync(TriggerNames.HookName(options.Name), cancellationToken) is not null)
        {
            return await FailAsync(context, Failure, $"trigger '{options.Name}' already exists (trigger delete {options.Name} first to replace it)");
        }

        var secrets = services.GetRequiredService<SecretFiles>();
        var trigger = new Trigger(
            options.Name,
            options.IsWebhook ? TriggerKind.Webhook : TriggerKind.Event,
            options.Workflow,
            options.Subject,
            options.Filter,
            options.Secret is not null);
        var hook = TriggerDefinitions.Hook(
            trigger,
            settings.Reference(workflowFile),
            options.Secret is null ? null : settings.Reference(secrets.PathOf(options.Name)));

        // Built here, in this process, by the same catalog the server uses: a definition the server could not serve is
        // refused now, with the reason, instead of being stored and logged there.
        if (Check(TriggerDefinitions.ForChecking(hook), options) is { } refusal)
        {
            return await FailAsync(context, UsageError, refusal);
        }

        if (options.Secret is not null)
        {
            try
            {
                secrets.Write(options.Name, options.Secret.Trim());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return await FailAsync(context, Failure, $"cannot write the secret file '{secrets.PathOf(options.Name)}': {exception.Message}");
            }
        }

        try
        {
            await store.UpsertHookAsync(TriggerNames.HookName(options.Name), hook.ToJsonString(), CancellationToken.None);
        }
        catch
        {
            if (options.Secret is not null)
            {
                secrets.Delete(options.Name);
            }

            throw;
        }

        await WriteCreatedAsync(context.Output, trigger, options.Secret is null ? null : settings.Reference(secrets.PathOf(options.Name)));
        return 0;
    }

    private string? Check(System.Text.Json.Nodes.JsonObject hook, CreateOptions options)
    {
        var catalog = services.GetRequiredService<IHookCatalog>();
        var hookName = TriggerNames.HookName(options.Name);
        try
        {
            catalog.Register(hook.ToJsonString());
            return null;
        }
        catch (PluginConfigurationException exception)
        {
            return exception.Key switch
            {
                var key when key.EndsWith(":subject", StringComparison.Ordinal) => $"--subject {exception.Problem}",
                var key when key.Contains(":conditions:", StringComparison.Ordinal) => $"--filter-field/--filter-value: {exception.Problem}",
                var key => $"trigger '{options.Name}' cannot be served: '{key}': {exception.Problem}",
            };
        }
        finally
        {
            catalog.Remove(hookName);
        }
    }

    private static async Task WriteCreatedAsync(TextWriter output, Trigger trigger, string? secretFile)
    {
        await output.WriteLineAsync($"created {trigger.Kind} trigger '{trigger.Name}'");
        if (trigger.IsWebhook)
        {
            await output.WriteLineAsync($"  endpoint:  POST /v1/webhooks/{trigger.Name}");
            await output.WriteLineAsync($"  publishes: {TriggerNames.WebhookSubject(trigger.Name)}");
            await output.WriteLineAsync(secretFile is null
                ? "  secret:    DAGNATS_WEBHOOK_SECRET (the server's environment)"
                : $"  secret:    its own, in {secretFile} (mode 0600)");
        }
        else
        {
            await output.WriteLineAsync($"  subject:   {trigger.Subject}");
            if (trigger.Filter is { } filter)
            {
                await output.WriteLineAsync($"  filter:    {filter.Field} = {filter.Value}");
            }
        }

        await output.WriteLineAsync($"  workflow:  {trigger.Workflow}");
        await output.WriteLineAsync("  a running server serves it at once (within a second at the latest); no restart needed");
    }

    private static async Task<int> ListAsync(HostCommandContext context, IHookStore store, CancellationToken cancellationToken)
    {
        var triggers = (await store.ListHooksAsync(cancellationToken))
            .Select(StoredTrigger.From)
            .OfType<StoredTrigger>()
            .OrderBy(stored => stored.Trigger.Name, StringComparer.Ordinal)
            .ToArray();
        if (triggers.Length == 0)
        {
            await context.Output.WriteLineAsync("no triggers (trigger create <name> --workflow <workflow> --webhook | --subject <subject>)");
            return 0;
        }

        string[] header = ["NAME", "KIND", "WORKFLOW", "SECRET", "SOURCE", "CREATED"];
        var rows = triggers.Select(stored => new[]
        {
            stored.Trigger.Name,
            stored.Trigger.Kind,
            stored.Trigger.Workflow,
            !stored.Trigger.IsWebhook ? "-" : stored.Trigger.HasOwnSecret ? "own" : "env",
            stored.Trigger.Source,
            stored.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }).ToArray();
        var widths = header.Select((title, column) => rows.Max(row => row[column].Length)).Select((width, column) => Math.Max(width, header[column].Length)).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await context.Output.WriteLineAsync(string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))));
        }

        return 0;
    }

    private async Task<int> DeleteAsync(HostCommandContext context, IHookStore store, string name)
    {
        // Only a trigger's record: a plugins.json hook that happens to be called dagnats.* is not this verb's to delete.
        // Not cancellable once started: a delete half done would leave the secret file behind its record.
        if (!TriggerNames.IsValid(name)
            || await store.GetHookAsync(TriggerNames.HookName(name), CancellationToken.None) is not { } record
            || StoredTrigger.From(record) is null
            || !await store.DeleteHookAsync(record.Name, CancellationToken.None))
        {
            return await FailAsync(context, Failure, $"no trigger named '{name}' (trigger list shows them)");
        }

        services.GetRequiredService<SecretFiles>().Delete(name);
        await context.Output.WriteLineAsync($"deleted trigger '{name}'; a running server stops serving it at once (within a second at the latest)");
        return 0;
    }

    private static async Task<int> FailAsync(HostCommandContext context, int exitCode, string message)
    {
        await context.Error.WriteLineAsync($"error: {message}");
        return exitCode;
    }
}
