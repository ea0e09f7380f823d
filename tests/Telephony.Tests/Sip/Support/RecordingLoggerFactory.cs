using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Telephony.Tests.Sip.Support;

/// <summary>Collects warnings and errors from every logger it creates, so tests can assert none happened.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) owner.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
