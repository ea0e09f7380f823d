using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Keeps every formatted log line at every level, for tests that count log lines.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Lines.Enqueue((logLevel, formatter(state, exception)));
    }

    public int Count(string contains) => Lines.Count(l => l.Message.Contains(contains, StringComparison.Ordinal));
}
