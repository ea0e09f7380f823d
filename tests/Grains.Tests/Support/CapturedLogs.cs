using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Grains.Tests.Support;

/// <summary>A logger provider that keeps every formatted message (with its level and category) for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    /// <summary>The messages written at <paramref name="minimum"/> or above, as "Category: message (exception)".</summary>
    public IReadOnlyList<string> At(LogLevel minimum) =>
        [.. entries.Where(e => e.Level >= minimum).Select(e => $"{e.Category}: {e.Message}")];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => logs.entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : $" ({exception})")));
    }
}
