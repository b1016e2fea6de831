using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// Keeps every log entry with its event id and its structured fields (the names a JSON formatter or a log store
/// would index), so tests can check field names, not only the rendered text.
/// </summary>
public sealed class StructuredLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public string Text => string.Join('\n', _entries.Select(e => $"{e.Level} {e.EventId} {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, int EventId, string Category, string Message, IReadOnlyDictionary<string, object?> Fields)
    {
        public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value?.ToString() : null;
    }

    private sealed class Logger(StructuredLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    fields[key] = value;
                }
            }

            logs._entries.Enqueue(new Entry(logLevel, eventId.Id, category, formatter(state, exception), fields));
        }
    }
}
