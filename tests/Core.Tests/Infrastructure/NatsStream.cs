using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>An outside subscriber's view of a JetStream stream: every message in it, read with an ordered consumer.</summary>
public sealed class NatsStream : IAsyncDisposable
{
    private readonly NatsConnection _connection;

    public NatsStream(string url, string stream)
    {
        _connection = new NatsConnection(NatsOpts.Default with { Url = url });
        JetStream = new NatsJSContext(_connection);
        Name = stream;
    }

    public NatsJSContext JetStream { get; }

    public string Name { get; }

    /// <summary>A message as read: its subject, its Nats-Msg-Id and its body.</summary>
    public sealed record Message(ulong Sequence, string Subject, string? MsgId, string Body);

    /// <summary>Deletes the stream (a stream left by an earlier test would own the same subjects).</summary>
    public async Task DeleteIfExistsAsync()
    {
        try
        {
            await JetStream.DeleteStreamAsync(Name);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
        }
    }

    /// <summary>Every message in the stream now (empty when the stream does not exist yet).</summary>
    public async Task<IReadOnlyList<Message>> ReadAllAsync(string? subject = null)
    {
        INatsJSStream stream;
        try
        {
            stream = await JetStream.GetStreamAsync(Name);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return [];
        }

        var total = stream.Info.State.Messages;
        var messages = new List<Message>();
        if (total == 0)
        {
            return messages;
        }

        // Each message by its sequence (the stream API's message get): an ordered consumer read under load was seen
        // to skip and repeat messages, which would make these tests judge the reader rather than the relay.
        for (var sequence = stream.Info.State.FirstSeq; sequence <= stream.Info.State.LastSeq; sequence++)
        {
            StreamMsgGetResponse got;
            try
            {
                got = await stream.GetAsync(new StreamMsgGetRequest { Seq = sequence });
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                continue; // deleted (limits)
            }

            var stored = got.Message;
            var headers = stored.Hdrs is { Length: > 0 } hdrs ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(hdrs)) : string.Empty;
            var msgId = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Nats-Msg-Id:", StringComparison.OrdinalIgnoreCase))?["Nats-Msg-Id:".Length..].Trim();
            var body = System.Text.Encoding.UTF8.GetString(stored.Data.Span);
            messages.Add(new Message(stored.Seq, stored.Subject, msgId, body));
        }

        // Filtered here: nats-server 2.9 ignores an ordered consumer's filter_subjects (a 2.10 field). One message per
        // stream sequence: an ordered consumer that resets under load may hand a message over again.
        var distinct = messages.DistinctBy(m => m.Sequence);
        return (subject is null ? distinct : distinct.Where(m => Matches(subject, m.Subject))).ToList();
    }

    private static bool Matches(string pattern, string subject)
    {
        var p = pattern.Split('.');
        var s = subject.Split('.');
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == ">")
            {
                return s.Length > i;
            }

            if (i >= s.Length || (p[i] != "*" && p[i] != s[i]))
            {
                return false;
            }
        }

        return s.Length == p.Length;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the stream's messages.</summary>
    public async Task<IReadOnlyList<Message>> WaitForAsync(Func<IReadOnlyList<Message>, bool> done, string? subject = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        IReadOnlyList<Message> messages = [];
        while (DateTime.UtcNow < deadline)
        {
            messages = await ReadAllAsync(subject);
            if (done(messages))
            {
                return messages;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"stream {Name}: the condition did not hold; {messages.Count} messages: "
            + string.Join(", ", messages.Take(20).Select(m => $"{m.Sequence} {m.Subject} {m.MsgId}")));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
