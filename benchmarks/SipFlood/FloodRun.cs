using System.Diagnostics;
using System.Net;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Transport;

namespace ContactCenter.Benchmarks.SipFlood;

/// <summary>
/// Starts our stack with RFC default timers and no inbound-call handler (every INVITE gets 480, as
/// a dialer that takes no inbound calls answers), floods it and reads memory before, during and after.
/// </summary>
public static class FloodRun
{
    public static async Task<FloodResult> ExecuteAsync(FloodSettings settings, TextWriter progress)
    {
        var logs = new CountingLoggerFactory();
        await using var stack = SipStack.Start(
            new SipStackOptions { Udp = new IPEndPoint(IPAddress.Loopback, 0), MaxServerTransactions = settings.Limit },
            new NoMediaFactory(),
            logs);
        var clock = Stopwatch.StartNew();
        MemorySample Sample(string phase) => new(phase, ProcessMemory.RssBytes(), GC.GetTotalMemory(false), stack.Transactions.ServerTransactionCount, clock.Elapsed);

        ProcessMemory.CollectEverything();
        var before = Sample("before (after a full GC)");
        progress.WriteLine($"before: {ProcessMemory.Mb(before.RssBytes)} RSS");

        await using var flooder = new InviteFlooder(stack.LocalEndPoint(SipProtocol.Udp));
        var peak = before with { Phase = "peak during flood and drain" };
        var maxTable = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var now = Sample(peak.Phase);
                if (now.RssBytes > peak.RssBytes) peak = now;
                maxTable = Math.Max(maxTable, now.ServerTransactions);
                try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        await flooder.SendAsync(settings.Invites, settings.Rate);
        var sendTime = clock.Elapsed - before.At;
        var endOfSending = Sample("end of sending");
        progress.WriteLine($"sent {flooder.Sent} in {sendTime.TotalSeconds:0.0} s; {endOfSending.ServerTransactions} server transactions live, {ProcessMemory.Mb(endOfSending.RssBytes)} RSS");

        var drainStart = clock.Elapsed;
        var deadline = drainStart + TimeSpan.FromSeconds(settings.DrainSeconds);
        while ((stack.Transactions.ServerTransactionCount > 0 || stack.UserAgent.ActiveCallCount > 0) && clock.Elapsed < deadline) await Task.Delay(250);
        var drainTime = clock.Elapsed - drainStart;
        await sampling.CancelAsync();
        await sampler;
        var drained = Sample("after drain, before GC");
        progress.WriteLine($"table empty after {drainTime.TotalSeconds:0.0} s: {drained.ServerTransactions} live, {ProcessMemory.Mb(drained.RssBytes)} RSS");

        var stackDrops = UdpDrops.ForPort(stack.LocalEndPoint(SipProtocol.Udp).Port);
        var senderDrops = UdpDrops.ForPort(flooder.LocalPort);

        ProcessMemory.CollectEverything();
        await Task.Delay(1000);
        var after = Sample("after drain and a full GC");

        return new FloodResult(settings, flooder.Sent, flooder.Responses(100), flooder.Responses(503), flooder.Responses(480), logs.Lines, maxTable, sendTime, drainTime,
            stackDrops, senderDrops, [before, endOfSending, peak, drained, after]);
    }
}
