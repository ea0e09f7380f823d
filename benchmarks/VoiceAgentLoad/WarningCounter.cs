using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.VoiceAgentLoad;

/// <summary>Counts the silo's warnings and errors and keeps the first few, so a run can say what went wrong.</summary>
public sealed class WarningCounter : ILoggerProvider
{
    private readonly ConcurrentQueue<string> first = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    public IReadOnlyList<string> First => [.. first];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        if (Interlocked.Increment(ref count) <= 10) first.Enqueue(line);
    }

    private sealed class Logger(WarningCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Orleans' start-up notes about the garbage collector are not about the run.
            if (!IsEnabled(logLevel) || category == "Orleans.Runtime.Silo") return;
            owner.Add($"{DateTime.Now:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
