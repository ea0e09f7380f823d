using System.Globalization;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>What the flood run saw, printed as the tables benchmarks/README.md records.</summary>
public sealed record FloodResult(
    FloodSettings Settings,
    long Sent,
    long Trying,
    long Refused503,
    long Rejected480,
    long LogLines,
    int MaxServerTransactions,
    TimeSpan SendTime,
    TimeSpan DrainTime,
    long StackUdpDrops,
    long SenderUdpDrops,
    IReadOnlyList<MemorySample> Samples)
{
    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("| INVITEs sent | rate | limit | accepted (100 Trying) | refused (503 + Retry-After) | 480s incl. retransmissions | most live server transactions | log lines (Information+) | table empty after | kernel drops: stack / sender socket |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        output.WriteLine(string.Create(c, $"| {Sent:N0} in {SendTime.TotalSeconds:0.0} s | {Settings.Rate:N0}/s | {Settings.Limit:N0} | {Trying:N0} | {Refused503:N0} | {Rejected480:N0} | {MaxServerTransactions:N0} | {LogLines:N0} | {DrainTime.TotalSeconds:0.0} s | {StackUdpDrops:N0} / {SenderUdpDrops:N0} |"));
        output.WriteLine();
        output.WriteLine("| moment | process RSS | managed heap | live server transactions |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var s in Samples)
        {
            output.WriteLine(string.Create(c, $"| {s.Phase} | {ProcessMemory.Mb(s.RssBytes)} | {ProcessMemory.Mb(s.HeapBytes)} | {s.ServerTransactions:N0} |"));
        }
    }
}
