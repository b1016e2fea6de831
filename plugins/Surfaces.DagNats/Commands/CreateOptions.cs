using Webhooks.Modular.Surfaces.DagNats.Triggers;
using Webhooks.Modular.Surfaces.DagNats.Workflows;

namespace Webhooks.Modular.Surfaces.DagNats.Commands;

/// <summary>
/// The arguments of <c>trigger create</c>, checked for their shape (a webhook or an event trigger, never both); whether
/// the workflow exists and the subject parses is checked against the deployment afterwards.
/// </summary>
/// <param name="Name">The trigger's name.</param>
/// <param name="Workflow">The workflow it starts.</param>
/// <param name="Subject">An event trigger's subject pattern; <c>null</c> for a webhook.</param>
/// <param name="Secret">A webhook's own secret (<c>--secret</c>), if given.</param>
/// <param name="Filter">An event trigger's filter (<c>--filter-field</c> and <c>--filter-value</c>), if given.</param>
internal sealed record CreateOptions(string Name, string Workflow, string? Subject, string? Secret, TriggerFilter? Filter)
{
    private static readonly string[] ValueOptions = ["--workflow", "--subject", "--secret", "--filter-field", "--filter-value"];
    private const string WebhookFlag = "--webhook";

    public bool IsWebhook => Subject is null;

    /// <summary>Parses the arguments after <c>create</c>; <c>null</c> with <paramref name="error"/> (one line) when they do not make a trigger.</summary>
    /// <param name="arguments">The arguments after <c>create</c>.</param>
    /// <param name="error">What is wrong.</param>
    public static CreateOptions? Parse(IReadOnlyList<string> arguments, out string? error)
    {
        string? name = null;
        var webhook = false;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    return Fail($"unexpected argument '{argument}' (the trigger's name is '{name}')", out error);
                }

                name = argument;
                continue;
            }

            var (option, inline) = argument.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (argument[..equals], argument[(equals + 1)..])
                : (argument, null);
            if (option == WebhookFlag)
            {
                if (inline is not null)
                {
                    return Fail($"{WebhookFlag} takes no value", out error);
                }

                webhook = true;
                continue;
            }

            if (!ValueOptions.Contains(option, StringComparer.Ordinal))
            {
                return Fail($"unknown option '{option}' (options: --workflow, --webhook, --secret, --subject, --filter-field, --filter-value)", out error);
            }

            var value = inline ?? (i + 1 < arguments.Count ? arguments[++i] : null);
            if (value is null)
            {
                return Fail($"{option} needs a value", out error);
            }

            if (!values.TryAdd(option, value))
            {
                return Fail($"{option} is given twice", out error);
            }
        }

        var workflow = values.GetValueOrDefault("--workflow");
        var subject = values.GetValueOrDefault("--subject");
        var secret = values.GetValueOrDefault("--secret");
        var filterField = values.GetValueOrDefault("--filter-field");
        var filterValue = values.GetValueOrDefault("--filter-value");
        string? problem = (name, workflow) switch
        {
            (null, _) => "a trigger name is required: trigger create <name> --workflow <workflow> (--webhook | --subject <subject>)",
            _ when !TriggerNames.IsValid(name) => $"'{name}' is not a trigger name ({TriggerNames.Rule})",
            (_, null) => "--workflow is required: the workflow the trigger starts",
            _ when !WorkflowFiles.IsValidName(workflow) => $"'{workflow}' is not a workflow name (a file name in the workflow folder, without its extension)",
            _ when webhook && subject is not null => "--webhook and --subject exclude each other: a trigger is either a webhook or an event trigger",
            _ when !webhook && subject is null => "one of --webhook or --subject is required: a trigger is either a webhook or an event trigger",
            _ when secret is not null && !webhook => "--secret applies only to --webhook triggers",
            _ when secret is not null && string.IsNullOrWhiteSpace(secret) => "--secret must not be empty",
            _ when (filterField is not null || filterValue is not null) && webhook => "--filter-field and --filter-value apply only to --subject triggers",
            _ when (filterField is null) != (filterValue is null) => "--filter-field and --filter-value go together",
            _ when filterField is not null && string.IsNullOrWhiteSpace(filterField) => "--filter-field must not be empty",
            _ => null,
        };
        if (problem is not null)
        {
            return Fail(problem, out error);
        }

        error = null;
        return new CreateOptions(name!, workflow!, subject, secret, filterField is null ? null : new TriggerFilter(filterField, filterValue!));
    }

    private static CreateOptions? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
