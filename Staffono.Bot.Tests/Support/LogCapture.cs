using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Staffono.Bot.Tests.Support;

/// <summary>
/// Keeps what the code under test logs instead of printing it: a test can count or read the lines, and
/// an error a test provokes on purpose does not show up in the test log looking like a failure.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public int Count(LogLevel atLeast) => Lines.Count(l => l.Level >= atLeast);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>One logged line: its level, the logger's category, the message and any exception.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception);
