using System.Diagnostics;
using System.Globalization;
using System.Net;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Benchmarks.SipLoad;

/// <summary>
/// Many concurrent calls with RTP both ways: each of our calls plays paced G.711 (50 packets/s)
/// and sipp's UAS echoes every packet back (-rtp_echo), so we receive what we sent. Steps double
/// from <see cref="SipLoadSettings.MediaStart"/> until a step loses more than
/// <see cref="SipLoadSettings.MaxLoss"/>, fails a set-up, or falls behind real time.
/// </summary>
public static class ConcurrentMediaRun
{
    public static async Task<IReadOnlyList<MediaStepResult>> ExecuteAsync(SipLoadSettings settings)
    {
        var results = new List<MediaStepResult>();
        for (var calls = settings.MediaStart; calls <= settings.MediaMax; calls *= 2)
        {
            var step = await RunStepAsync(calls, settings);
            results.Add(step);
            Console.Error.WriteLine(step);
            if (!step.Holds(settings)) break;
        }
        return results;
    }

    private static async Task<MediaStepResult> RunStepAsync(int calls, SipLoadSettings settings)
    {
        await using var uas = await SippRunner.StartUasAsync(rtpEcho: true);
        var target = SipUri.Parse($"sip:media@127.0.0.1:{uas.Port}");
        await using var stack = SipStack.Start(new SipStackOptions
        {
            Udp = new IPEndPoint(IPAddress.Loopback, 0),
            UserAgent = new SipUserAgentOptions { DefaultRingTimeout = TimeSpan.FromSeconds(20) },
        }, new RtpMediaEndpointFactory(RtpPortRange.LoopbackAnyPort), NullLoggerFactory.Instance);
        var clip = AudioClip.Tone(440, TimeSpan.FromSeconds(settings.MediaSeconds));

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var established = new List<SipOutboundCall>(calls);
        var failed = 0;
        using (var slots = new SemaphoreSlim(50))
        {
            await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
            {
                await slots.WaitAsync();
                try
                {
                    var call = await stack.UserAgent.PlaceCallAsync(new SipCallRequest(target, "+12125550100"));
                    if (await call.Setup == CallOutcome.Answered) lock (established) established.Add(call);
                    else Interlocked.Increment(ref failed);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        var heapPerCall = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)Math.Max(1, established.Count);

        var media = established.Select(c => (RtpMediaEndpoint)c.Media!).ToList();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sippCpuBefore = uas.CpuTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(media.Select(m => m.Session.PlayAsync(clip)));
        var playing = watch.Elapsed;
        await Task.Delay(300); // the last echoes are still on their way
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var sippCpu = uas.CpuTime - sippCpuBefore;
        var window = watch.Elapsed;
        var workingSet = Process.GetCurrentProcess().WorkingSet64;

        long sent = 0, received = 0, late = 0;
        foreach (var m in media)
        {
            var stats = m.Session.GetStatistics();
            sent += stats.Rtp.PacketsSent;
            received += stats.Rtp.PacketsReceived;
            late += stats.LatePackets;
        }
        await Task.WhenAll(established.Select(c => c.HangUpAsync()));

        return new MediaStepResult(calls, established.Count, failed, sent, received, late, playing.TotalSeconds / settings.MediaSeconds,
            100 * cpu.TotalSeconds / window.TotalSeconds, 100 * sippCpu.TotalSeconds / window.TotalSeconds, heapPerCall, workingSet);
    }

    public static void Print(IReadOnlyList<MediaStepResult> steps, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("Concurrent calls with RTP both ways (we send 50 packets/s per call, sipp echoes them back):");
        output.WriteLine();
        output.WriteLine("| calls | set up / failed | packets sent / received | loss | playback time / real time | CPU ours | CPU sipp | managed heap per call | process working set |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var s in steps)
        {
            output.WriteLine(string.Format(c, "| {0} | {1} / {2} | {3:N0} / {4:N0} | {5:0.00} % | {6:0.00} | {7:0} % | {8:0} % | {9:0.0} KB | {10:0} MB |",
                s.Calls, s.Established, s.Failed, s.Sent, s.Received, 100 * s.Loss, s.PlaybackRatio, s.CpuPercent, s.SippCpuPercent, s.HeapPerCall / 1024, s.WorkingSet / (1024.0 * 1024)));
        }
        output.WriteLine();
        output.WriteLine("CPU is percent of one core (the machine has two).");
    }
}

/// <summary>One step of the concurrent-media run.</summary>
public sealed record MediaStepResult(int Calls, int Established, int Failed, long Sent, long Received, long Late, double PlaybackRatio,
    double CpuPercent, double SippCpuPercent, double HeapPerCall, long WorkingSet)
{
    public double Loss => Sent == 0 ? 1 : Math.Max(0, 1 - Received / (double)Sent);

    /// <summary>Every call set up, loss within bounds, and playback kept real time (within 5 %).</summary>
    public bool Holds(SipLoadSettings settings) => Failed == 0 && Loss <= settings.MaxLoss && PlaybackRatio <= 1.05;
}
