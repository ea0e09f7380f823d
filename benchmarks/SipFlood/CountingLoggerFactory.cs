using Microsoft.Extensions.Logging;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>Counts Information-and-above log lines the stack writes, to show the flood does not flood the log.</summary>
public sealed class CountingLoggerFactory : ILoggerFactory
{
    private long lines;

    public long Lines => Interlocked.Read(ref lines);

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Counter(CountingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Interlocked.Increment(ref owner.lines);
        }
    }
}
