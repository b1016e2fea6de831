using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// The operator's view of outbound delivery, for any deployment: <c>destination create --url U --events a,b
/// [--hook H] [--format standard|raw] [--signing standard-webhooks|none] [--retry exponential|none|fixed:N:SECONDS]
/// [--description D]</c> (prints the signing secret once), <c>list</c>, <c>show ID</c> (with its latest deliveries),
/// <c>enable|disable|delete ID</c>, <c>rotate ID [--grace-hours H]</c>, <c>replay DELIVERY_ID</c>. A running host
/// hears of changes at once through the store's change signal where the store has one (SQLite, PostgreSQL), and within
/// <see cref="DeliveryOptions.RefreshSeconds"/> otherwise.
/// </summary>
internal sealed class DestinationCommand(IServiceProvider services) : IHostCommand
{
    private const string Usage =
        "usage: destination create --url URL --events TYPE[,TYPE...] [--hook NAME] [--format standard|raw] [--signing standard-webhooks|none]\n" +
        "                          [--retry exponential|none|fixed:RETRIES:SECONDS] [--description TEXT]\n" +
        "       destination list | show ID | enable ID | disable ID | delete ID | rotate ID [--grace-hours 24] | replay DELIVERY_ID | replay --failed [--destination ID]";

    /// <summary>The most failed deliveries one destination's bulk replay reads.</summary>
    private const int MaxReplay = 10_000;

    public string Name => "destination";

    public string Description => "create, list, enable, disable, rotate and delete outbound destinations; replay deliveries";

    public string Arguments => "create | list | show ID | enable ID | disable ID | delete ID | rotate ID | replay DELIVERY_ID | replay --failed";

    public IReadOnlyList<HostCommandOption> Options { get; } =
    [
        new("--url", "create: where deliveries are POSTed") { Value = "URL" },
        new("--events", "create: the event types it receives, comma-separated") { Value = "TYPE[,TYPE...]" },
        new("--hook", "create: only events of this hook") { Value = "NAME" },
        new("--format", "create: standard (an event envelope) or raw (the received body)") { Value = "standard|raw" },
        new("--signing", "create: standard-webhooks or none") { Value = "SCHEME" },
        new("--retry", "create: exponential (default), none or fixed:RETRIES:SECONDS") { Value = "POLICY" },
        new("--description", "create: a note for operators") { Value = "TEXT" },
        new("--grace-hours", "rotate: how long the previous secret keeps signing (default 24)") { Value = "HOURS" },
        new("--failed", "replay: every failed delivery (dead letter), with progress"),
        new("--destination", "replay --failed: only this destination's") { Value = "ID" },
    ];

    public IReadOnlyList<string> Examples { get; } =
    [
        "destination create --url https://example.com/hooks --events order.created,order.paid --retry fixed:5:30",
        "destination list",
        "destination rotate dst_123 --grace-hours 48",
        "destination replay dlv_456",
        "destination replay --failed --destination dst_123",
    ];

    public async Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Count == 0)
        {
            return await FailAsync(context, "a subcommand is required");
        }

        var manager = services.GetRequiredService<IDestinationManager>();
        var verb = context.Arguments[0];
        var (positional, options) = Split(context.Arguments.Skip(1).ToArray());
        try
        {
            switch (verb)
            {
                case "create":
                    var created = await manager.CreateAsync(Spec(options), cancellationToken);
                    await WriteAsync(context.Output, created.Destination);
                    if (created.Secret is { } secret)
                    {
                        await context.Output.WriteLineAsync($"secret:      {secret}");
                        await context.Output.WriteLineAsync("             (shown once: store it now; it is kept encrypted)");
                    }

                    return 0;

                case "list":
                    foreach (var destination in await manager.ListAsync(null, cancellationToken))
                    {
                        await WriteAsync(context.Output, destination);
                        await context.Output.WriteLineAsync();
                    }

                    return 0;

                case "show" when positional.Count == 1:
                    if (await manager.GetAsync(positional[0], cancellationToken) is not { } shown)
                    {
                        return await NotFoundAsync(context, positional[0]);
                    }

                    await WriteAsync(context.Output, shown);
                    foreach (var delivery in await manager.ListDeliveriesAsync(shown.Id, 20, cancellationToken))
                    {
                        await context.Output.WriteLineAsync(
                            $"  {delivery.Id}  {delivery.EventType}  {delivery.Status.ToString().ToLowerInvariant()}  attempts {delivery.Attempts}" +
                            $"  last {(delivery.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-")}{(delivery.LastError is { } e ? $"  {e}" : string.Empty)}");
                    }

                    return 0;

                case "enable" or "disable" when positional.Count == 1:
                    var changed = await manager.UpdateAsync(positional[0], null, null, null, verb == "enable", cancellationToken);
                    return changed is null ? await NotFoundAsync(context, positional[0]) : await DoneAsync(context, $"{verb}d {positional[0]}");

                case "delete" when positional.Count == 1:
                    return await manager.DeleteAsync(positional[0], cancellationToken)
                        ? await DoneAsync(context, $"deleted {positional[0]}")
                        : await NotFoundAsync(context, positional[0]);

                case "rotate" when positional.Count == 1:
                    var hours = options.TryGetValue("grace-hours", out var g) && double.TryParse(g, CultureInfo.InvariantCulture, out var h) ? h : 24;
                    var rotated = await manager.RotateSecretAsync(positional[0], TimeSpan.FromHours(hours), cancellationToken);
                    return rotated is null
                        ? await NotFoundAsync(context, positional[0])
                        : await DoneAsync(context, $"secret:      {rotated}\n             (the previous secret keeps signing for {hours} h)");

                case "replay" when positional.Count == 0 && options.ContainsKey("failed"):
                    return await ReplayFailedAsync(context, manager, options.GetValueOrDefault("destination"), cancellationToken);

                case "replay" when positional.Count == 1:
                    return await manager.ReplayAsync(positional[0], cancellationToken)
                        ? await DoneAsync(context, $"replaying {positional[0]}")
                        : await FailAsync(context, $"no finished delivery with id '{positional[0]}' (a pending one is still being tried)", 1);

                default:
                    return await FailAsync(context, $"unknown subcommand or wrong arguments: '{string.Join(' ', context.Arguments)}'");
            }
        }
        catch (ArgumentException ex)
        {
            return await FailAsync(context, ex.Message);
        }
    }

    private static DestinationSpec Spec(Dictionary<string, string> options)
    {
        var url = options.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required", "url");
        var events = options.GetValueOrDefault("events")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? throw new ArgumentException("--events is required", "events");
        return new DestinationSpec("cli", url, events)
        {
            HookName = options.GetValueOrDefault("hook"),
            Format = options.GetValueOrDefault("format") ?? "standard",
            Signing = options.GetValueOrDefault("signing") ?? SigningSchemes.StandardWebhooks,
            Description = options.GetValueOrDefault("description"),
            Retry = Retry(options.GetValueOrDefault("retry")),
        };
    }

    private static RetryPolicy Retry(string? text)
    {
        if (text is null or "exponential")
        {
            return RetryPolicy.Exponential;
        }

        if (text == "none")
        {
            return RetryPolicy.None;
        }

        var parts = text.Split(':');
        return parts.Length == 3 && parts[0] == "fixed"
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var retries)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var seconds)
            ? RetryPolicy.Fixed(retries, seconds)
            : throw new ArgumentException($"--retry '{text}' must be exponential, none or fixed:RETRIES:SECONDS", "retry");
    }

    private static (List<string> Positional, Dictionary<string, string> Options) Split(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--failed")
            {
                options["failed"] = string.Empty; // a flag: the next word is not its value
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Length ? args[++i] : string.Empty;
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, options);
    }

    /// <summary>Replays every failed delivery (of one destination, or all), one progress step each.</summary>
    private static async Task<int> ReplayFailedAsync(HostCommandContext context, IDestinationManager manager, string? destinationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<DestinationRecord> destinations;
        if (destinationId is null)
        {
            destinations = await manager.ListAsync(null, cancellationToken);
        }
        else if (await manager.GetAsync(destinationId, cancellationToken) is { } one)
        {
            destinations = [one];
        }
        else
        {
            return await NotFoundAsync(context, destinationId);
        }

        var failed = new List<DeliveryRecord>();
        foreach (var destination in destinations)
        {
            failed.AddRange((await manager.ListDeliveriesAsync(destination.Id, MaxReplay, cancellationToken)).Where(d => d.Status == DeliveryStatus.Failed));
        }

        var progress = new CommandProgress(context, "replay", failed.Count);
        var replayed = 0;
        foreach (var delivery in failed)
        {
            var ok = await manager.ReplayAsync(delivery.Id, cancellationToken);
            replayed += ok ? 1 : 0;
            await progress.ReportAsync(delivery.Id, ok ? "replaying" : "skipped (no longer failed)");
        }

        await progress.CompleteAsync($"replayed {replayed} of {failed.Count} failed deliveries");
        return 0;
    }

    private static async Task WriteAsync(TextWriter output, DestinationRecord destination)
    {
        await output.WriteLineAsync($"id:          {destination.Id}");
        await output.WriteLineAsync($"owner:       {destination.Owner}");
        await output.WriteLineAsync($"url:         {destination.Method} {destination.Url}");
        await output.WriteLineAsync($"events:      {string.Join(", ", destination.EventTypes)}{(destination.HookName is { } hook ? $" (hook {hook})" : string.Empty)}");
        await output.WriteLineAsync($"active:      {(destination.IsActive ? "yes" : $"no{(destination.DisabledReason is { } why ? $" ({why})" : string.Empty)}")}");
        await output.WriteLineAsync($"format:      {destination.Format}, signing {destination.Signing}, retry {destination.Retry.Kind}");
    }

    private static async Task<int> DoneAsync(HostCommandContext context, string message)
    {
        await context.Output.WriteLineAsync(message);
        return 0;
    }

    private static async Task<int> NotFoundAsync(HostCommandContext context, string id)
    {
        await context.Error.WriteLineAsync($"error: no destination with id '{id}'");
        return 1;
    }

    private static async Task<int> FailAsync(HostCommandContext context, string message, int code = 2)
    {
        await context.Error.WriteLineAsync($"error: {message}");
        if (code == 2)
        {
            await context.Error.WriteLineAsync(Usage);
        }

        return code;
    }
}
