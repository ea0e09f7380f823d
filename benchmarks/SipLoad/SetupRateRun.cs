using System.Diagnostics;
using System.Globalization;
using System.Net;
using ContactCenter.Telephony.Carrier;
using ContactCenter.Telephony.Sip;
using ContactCenter.Telephony.Sip.Messages;
using ContactCenter.Telephony.Sip.UserAgents;
using ContactCenter.Telephony.Trunk;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Benchmarks.SipLoad;

/// <summary>
/// Call set-up rate, INVITE → 180 → 200 → ACK → hold → BYE → 200, of our stack (with RTP
/// endpoints bound per call, as in production) and of sipp's own UAC, against one sipp UAS.
/// </summary>
public static class SetupRateRun
{
    public static async Task<SetupRateResult> ExecuteAsync(SipLoadSettings settings)
    {
        await using var uas = await SippRunner.StartUasAsync(rtpEcho: false);
        var target = SipUri.Parse($"sip:bench@127.0.0.1:{uas.Port}");
        await using var stack = SipStack.Start(new SipStackOptions
        {
            Udp = new IPEndPoint(IPAddress.Loopback, 0),
            UserAgent = new SipUserAgentOptions { DefaultRingTimeout = TimeSpan.FromSeconds(10) },
        }, new RtpMediaEndpointFactory(RtpPortRange.LoopbackAnyPort), NullLoggerFactory.Instance);

        // Warm-up: JIT and socket paths, not counted.
        await RunOursAsync(stack.UserAgent, target, Math.Min(100, settings.Calls), settings);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var (completed, failed, setupTimes) = await RunOursAsync(stack.UserAgent, target, settings.Calls, settings);
        var ours = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var sippWatch = Stopwatch.StartNew();
        await using var uac = SippRunner.StartUac($"127.0.0.1:{uas.Port}", settings.Calls, settings.Concurrency, settings.HoldMilliseconds);
        var exit = await uac.WaitForExitAsync(SippRunner.UacTimeout + TimeSpan.FromSeconds(10));
        var sipp = sippWatch.Elapsed;
        if (exit != 0) Console.Error.WriteLine($"sipp UAC exited with {exit}:\n{uac.Output}");

        setupTimes.Sort();
        return new SetupRateResult(settings, completed, failed, ours, cpu, Percentile(setupTimes, 0.5), Percentile(setupTimes, 0.99), sipp, exit);
    }

    private static async Task<(int Completed, int Failed, List<double> SetupMs)> RunOursAsync(SipUserAgent ua, SipUri target, int calls, SipLoadSettings settings)
    {
        using var slots = new SemaphoreSlim(settings.Concurrency);
        var completed = 0;
        var failed = 0;
        var setupTimes = new List<double>(calls);
        var tasks = new List<Task>(calls);
        for (var i = 0; i < calls; i++)
        {
            await slots.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var call = await ua.PlaceCallAsync(new SipCallRequest(target, "+12125550100"));
                    if (await call.Setup != CallOutcome.Answered)
                    {
                        Interlocked.Increment(ref failed);
                        return;
                    }
                    var setupMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (setupTimes) setupTimes.Add(setupMs);
                    await Task.Delay(settings.HoldMilliseconds);
                    await call.HangUpAsync();
                    await call.Ended;
                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        return (completed, failed, setupTimes);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

/// <summary>What the set-up race measured.</summary>
public sealed record SetupRateResult(SipLoadSettings Settings, int Completed, int Failed, TimeSpan OurElapsed, TimeSpan OurCpu, double SetupP50Ms, double SetupP99Ms, TimeSpan SippElapsed, int SippExit)
{
    public double OurRate => Completed / OurElapsed.TotalSeconds;

    public double SippRate => SippExit == 0 ? Settings.Calls / SippElapsed.TotalSeconds : double.NaN;

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Call set-up rate: {Settings.Calls} calls per side, {Settings.Concurrency} at once, {Settings.HoldMilliseconds} ms hold, sipp built-in UAS on loopback");
        output.WriteLine();
        output.WriteLine("| side | calls completed / failed | elapsed | calls/s | set-up p50 / p99 (INVITE→200) | CPU of our process |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- |");
        output.WriteLine(string.Format(c, "| our stack (UAC, RTP endpoint per call) | {0} / {1} | {2:0.00} s | {3:0} | {4:0.0} ms / {5:0.0} ms | {6:0} % of one core |",
            Completed, Failed, OurElapsed.TotalSeconds, OurRate, SetupP50Ms, SetupP99Ms, 100 * OurCpu.TotalSeconds / OurElapsed.TotalSeconds));
        output.WriteLine(string.Format(c, "| sipp UAC | {0} | {1:0.00} s | {2:0} | – | – |",
            SippExit == 0 ? $"{Settings.Calls} / 0" : $"exit code {SippExit}", SippElapsed.TotalSeconds, SippRate));
        output.WriteLine();
        output.WriteLine(string.Format(c, "Ratio our stack / sipp UAC: {0:0.00}", OurRate / SippRate));
        output.WriteLine();
    }
}
