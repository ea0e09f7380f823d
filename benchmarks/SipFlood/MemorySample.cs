namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>One reading: process RSS, managed heap and live server transactions.</summary>
public sealed record MemorySample(string Phase, long RssBytes, long HeapBytes, int ServerTransactions, TimeSpan At);
