using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry written (add it to a running host with <c>ILoggerFactory.AddProvider</c>), so tests can check
/// what is logged, at which level, and whether an exception (a stack trace) came with it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Everything, one entry a line, with the exception's text where there was one: for failure messages.</summary>
    public string Text => string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category}: {e.Message}{(e.Exception is null ? string.Empty : "\n" + e.Exception)}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
