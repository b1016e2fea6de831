using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Bus.Nats.Configuration;
using Webhooks.Modular.Bus.Nats.Connection;

namespace Webhooks.Modular.Bus.Nats.Commands;

/// <summary>
/// <c>bus tail</c>: prints the messages of the stream as an outside subscriber sees them (an ordered consumer, which
/// leaves nothing behind on the server), one line each: stream sequence, subject, <c>Nats-Msg-Id</c>, body.
/// </summary>
internal sealed class BusTailCommand(IServiceProvider services) : IHostCommand
{
    private const int UsageError = 2;

    public string Name => "bus";

    public string Description => "tail the NATS JetStream stream the events are relayed to";

    public string Arguments => "tail";

    public IReadOnlyList<HostCommandOption> Options { get; } =
    [
        new("--subject", "only messages on this subject (NATS pattern: * one token, > the rest)") { Value = "SUBJECT" },
        new("--all", "start at the stream's first message (default: only new ones)"),
        new("--count", "stop after this many messages") { Value = "N" },
    ];

    public IReadOnlyList<string> Examples { get; } =
    [
        "bus tail --subject 'event.webhook.>'",
        "bus tail --all --count 10",
    ];

    public async Task<int> RunAsync(HostCommandContext context, CancellationToken cancellationToken)
    {
        var arguments = context.Arguments;
        if (arguments.Count == 0 || arguments[0] != "tail")
        {
            await context.Error.WriteLineAsync("usage: bus tail [--subject SUBJECT] [--all] [--count N]").ConfigureAwait(false);
            return UsageError;
        }

        string? subject = null;
        var all = false;
        long? count = null;
        for (var i = 1; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--subject" when i + 1 < arguments.Count:
                    subject = arguments[++i];
                    if (NatsSubject.Check(subject) is { } error)
                    {
                        await context.Error.WriteLineAsync($"--subject '{subject}': {error}").ConfigureAwait(false);
                        return UsageError;
                    }

                    break;
                case "--all":
                    all = true;
                    break;
                case "--count" when i + 1 < arguments.Count:
                    if (!long.TryParse(arguments[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        await context.Error.WriteLineAsync($"--count '{arguments[i]}' is not a positive whole number").ConfigureAwait(false);
                        return UsageError;
                    }

                    count = n;
                    break;
                default:
                    await context.Error.WriteLineAsync($"unknown or incomplete option '{arguments[i]}'; usage: bus tail [--subject SUBJECT] [--all] [--count N]")
                        .ConfigureAwait(false);
                    return UsageError;
            }
        }

        var options = services.GetRequiredService<NatsBusOptions>();
        var nats = services.GetRequiredService<NatsBusConnection>();
        await nats.EnsureStreamAsync(cancellationToken).ConfigureAwait(false);
        var consumer = await nats.JetStream.CreateOrderedConsumerAsync(
            options.Stream,
            new NatsJSOrderedConsumerOpts
            {
                DeliverPolicy = all ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.New,
            },
            cancellationToken).ConfigureAwait(false);
        await context.Output.WriteLineAsync($"tailing stream {options.Stream} at {options.Url}{(subject is null ? string.Empty : $" ({subject})")}")
            .ConfigureAwait(false);
        await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        long seen = 0;
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Filtered here rather than by the server: nats-server 2.9 ignores an ordered consumer's filter_subjects.
            if (subject is not null && !NatsSubject.Matches(subject, message.Subject))
            {
                continue;
            }

            var msgId = message.Headers?.TryGetValue("Nats-Msg-Id", out var value) == true ? value.ToString() : "-";
            var body = Encoding.UTF8.GetString(message.Data ?? []);
            await context.Output.WriteLineAsync(
                $"{message.Metadata?.Sequence.Stream} {message.Subject} {msgId} {body.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (count is { } limit && ++seen >= limit)
            {
                break;
            }
        }

        return 0;
    }
}
