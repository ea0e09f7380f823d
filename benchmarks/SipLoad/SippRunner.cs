using System.Globalization;
using ContactCenter.Telephony.Tests.Sip.Support;

namespace ContactCenter.Benchmarks.SipLoad;

/// <summary>The two sipp roles of the load run, started through the tests' <see cref="SippProcess"/>.</summary>
public static class SippRunner
{
    public static readonly TimeSpan UacTimeout = TimeSpan.FromSeconds(120);

    /// <summary>sipp's built-in UAS (INVITE → 180 → 200 with SDP, ACK, BYE → 200), taking calls until disposed; with <paramref name="rtpEcho"/> it echoes RTP to its sender.</summary>
    public static async Task<SippProcess> StartUasAsync(bool rtpEcho)
    {
        string[] arguments = rtpEcho ? ["-sn", "uas", "-max_socket", "65000", "-rtp_echo"] : ["-sn", "uas", "-max_socket", "65000"];
        var uas = SippProcess.Start(arguments, AppContext.BaseDirectory, Timeout.InfiniteTimeSpan, calls: null);
        await uas.WaitUntilListeningAsync();
        return uas;
    }

    /// <summary>sipp's built-in UAC: <paramref name="calls"/> calls to <paramref name="target"/>, at most <paramref name="concurrency"/> at once, each held <paramref name="holdMs"/>.</summary>
    public static SippProcess StartUac(string target, int calls, int concurrency, int holdMs) => SippProcess.Start(
        [target, "-sn", "uac", "-l", Invariant(concurrency), "-r", "100000", "-d", Invariant(holdMs)], AppContext.BaseDirectory, UacTimeout, calls);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
