using System.Globalization;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Bus.Nats.Configuration;

/// <summary>The plugin's settings (see the README).</summary>
internal sealed record NatsBusOptions
{
    private static readonly string[] Known =
    [
        "url", "stream", "subjects", "maxAge", "maxMessages", "maxBytes", "duplicateWindow", "storage",
        "relayBatchSize", "relayPollInterval", "relayCursor", "consume", "durable", "filterSubject", "ackWait", "maxLagSeconds",
    ];

    /// <summary>The NATS server, such as <c>nats://127.0.0.1:4222</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The JetStream stream events are relayed to.</summary>
    public string Stream { get; init; } = "EVENTS";

    /// <summary>The stream's subjects; an event whose subject none matches is not relayed (and logged).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = ["event.>", "run.>"];

    /// <summary>How long the stream keeps a message (zero: no limit).</summary>
    public TimeSpan MaxAge { get; init; }

    /// <summary>How many messages the stream keeps (-1: no limit).</summary>
    public long MaxMessages { get; init; } = -1;

    /// <summary>How many bytes the stream keeps (-1: no limit).</summary>
    public long MaxBytes { get; init; } = -1;

    /// <summary>How long JetStream remembers a Nats-Msg-Id to drop a repeat.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>file or memory.</summary>
    public string Storage { get; init; } = "file";

    /// <summary>How many events the relay reads per batch.</summary>
    public int RelayBatchSize { get; init; } = 200;

    /// <summary>How often the relay looks for new events when it has caught up.</summary>
    public TimeSpan RelayPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The relay's cursor in the store (hosts sharing a database and a stream share it).</summary>
    public string RelayCursor { get; init; } = "nats-relay:EVENTS";

    /// <summary>Whether event triggers consume events others publish on the stream.</summary>
    public bool Consume { get; init; } = true;

    /// <summary>The durable consumer's name (hosts sharing a database share it, so each message goes to one of them).</summary>
    public string Durable { get; init; } = "webhooks";

    /// <summary>The subjects the consumer takes (one NATS subject pattern), or <c>null</c> for the whole stream.</summary>
    public string? FilterSubject { get; init; }

    /// <summary>How long a delivered message may go unacknowledged before NATS delivers it again.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Relay lag (age of the oldest event not yet relayed) above which the health check says degraded.</summary>
    public double MaxLagSeconds { get; init; } = 60;

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    public static NatsBusOptions FromSettings(PluginContext context)
    {
        var settings = context.Settings;
        foreach (var child in settings.GetChildren())
        {
            if (!Known.Contains(child.Key, StringComparer.Ordinal))
            {
                throw context.Error(child.Key, $"unknown setting (expected {string.Join(", ", Known)})");
            }
        }

        var url = settings["url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            throw context.Error("url", "required: the NATS server, such as nats://127.0.0.1:4222");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss"))
        {
            throw context.Error("url", $"'{url}' is not a nats:// (or tls://, ws://, wss://) URL");
        }

        var stream = settings["stream"] ?? "EVENTS";
        if (stream.Length == 0 || stream.Any(c => c is '.' or '*' or '>' or '/' or '\\' || char.IsWhiteSpace(c)))
        {
            throw context.Error("stream", $"'{stream}' is not a stream name (no spaces, '.', '*', '>', '/' or '\\')");
        }

        var subjects = settings.GetSection("subjects").GetChildren().Select(c => c.Value ?? string.Empty).ToArray();
        if (settings["subjects"] is { Length: > 0 } single)
        {
            subjects = [single];
        }

        for (var i = 0; i < subjects.Length; i++)
        {
            if (NatsSubject.Check(subjects[i]) is { } error)
            {
                throw context.Error($"subjects:{i}", $"'{subjects[i]}': {error}");
            }
        }

        var filter = settings["filterSubject"];
        if (filter is { Length: > 0 } && NatsSubject.Check(filter) is { } filterError)
        {
            throw context.Error("filterSubject", $"'{filter}': {filterError}");
        }

        var storage = settings["storage"] ?? "file";
        if (storage is not ("file" or "memory"))
        {
            throw context.Error("storage", $"'{storage}' is not file or memory");
        }

        var durable = settings["durable"] ?? "webhooks";
        if (durable.Length == 0 || durable.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c)))
        {
            throw context.Error("durable", $"'{durable}' is not a consumer name");
        }

        return new NatsBusOptions
        {
            Url = url,
            Stream = stream,
            Subjects = subjects.Length > 0 ? subjects : ["event.>", "run.>"],
            MaxAge = Duration(context, "maxAge", TimeSpan.Zero),
            MaxMessages = Number(context, "maxMessages", -1),
            MaxBytes = Number(context, "maxBytes", -1),
            DuplicateWindow = Duration(context, "duplicateWindow", TimeSpan.FromMinutes(2), positive: true),
            Storage = storage,
            RelayBatchSize = (int)Math.Clamp(Number(context, "relayBatchSize", 200, min: 1), 1, 10_000),
            RelayPollInterval = Duration(context, "relayPollInterval", TimeSpan.FromMilliseconds(200), positive: true),
            RelayCursor = settings["relayCursor"] is { Length: > 0 } cursor ? cursor : $"nats-relay:{stream}",
            Consume = Flag(context, "consume", true),
            Durable = durable,
            FilterSubject = filter is { Length: > 0 } ? filter : null,
            AckWait = Duration(context, "ackWait", TimeSpan.FromSeconds(30), positive: true),
            MaxLagSeconds = Number(context, "maxLagSeconds", 60, min: 1),
        };
    }

    private static TimeSpan Duration(PluginContext context, string key, TimeSpan fallback, bool positive = false)
    {
        if (context.Settings[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < TimeSpan.Zero || (positive && value == TimeSpan.Zero))
        {
            throw context.Error(key, $"'{text}' is not a {(positive ? "positive" : "non-negative")} duration such as 00:02:00");
        }

        return value;
    }

    private static long Number(PluginContext context, string key, long fallback, long min = -1)
    {
        if (context.Settings[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw context.Error(key, $"'{text}' is not a whole number of at least {min}");
        }

        return value;
    }

    private static bool Flag(PluginContext context, string key, bool fallback)
    {
        if (context.Settings[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw context.Error(key, $"'{text}' is not true or false");
    }
}
