using ContactCenter.Telephony.Media;
using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>
/// The receiving side of a call for AMD, on a simulated clock instead of sockets, so a labelled set of hundreds of
/// calls runs in seconds and gives the same answer every time. Packets go through our <see cref="JitterBuffer"/> with
/// the loss concealment and comfort-noise handling of <see cref="RtpMediaSession"/> (mirrored here: its receive path is
/// private), and the detector hears them through the same <see cref="ReceivedAudioClock"/> as on a live call, with a
/// tick every 20 ms and the live path's wall-clock limit. The packet-counting mode is the detector as it was before
/// (frames only, time passing without packets unheard), kept for comparison.
/// </summary>
public static class SimulatedAmdReceiver
{
    // RtpMediaSession's settings: a 50-packet buffer, three packets of reordering, up to 25 frames concealed.
    private const int MaxConcealedFrames = 25;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs AMD on <paramref name="packets"/> (in arrival order).</summary>
    /// <param name="packets">The far end's packets.</param>
    /// <param name="options">Detector settings.</param>
    /// <param name="countPacketsOnly">True for the old behaviour: only received frames are audio.</param>
    public static AmdResult Detect(IReadOnlyList<ScheduledPacket> packets, AmdOptions? options = null, bool countPacketsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(packets);
        options ??= new AmdOptions();
        var limit = options.TotalAnalysisTime + TimeSpan.FromSeconds(1);
        var counting = new AnsweringMachineDetector(options);
        var clock = new ReceivedAudioClock(options);
        var jitter = new JitterBuffer(capacity: 50, reorderDepth: 3);
        var nextTick = Tick;

        AmdResult? Hear(AudioFrame frame, TimeSpan now) => countPacketsOnly ? counting.ProcessFrame(frame.Samples) : clock.OnFrame(frame, now);

        AmdResult? Receive(RtpPacket packet, TimeSpan now)
        {
            if (packet.PayloadType == options.ComfortNoisePayloadType) return countPacketsOnly ? null : clock.OnComfortNoise(packet.Timestamp, now);
            if (G711.LawOfPayloadType(packet.PayloadType) is not { } law) return null;
            jitter.Push(packet);
            while (jitter.TryPop(out var next, out var lost))
            {
                if (lost is > 0 and <= MaxConcealedFrames)
                {
                    var length = next!.Payload.Length;
                    for (var i = lost; i >= 1; i--)
                    {
                        var concealed = new AudioFrame(new short[length], next.Timestamp - (uint)(i * length), (ushort)(next.SequenceNumber - i), Concealed: true);
                        if (Hear(concealed, now) is { } early) return early;
                    }
                }
                if (Hear(new AudioFrame(G711.Decode(law, next!.Payload.Span), next.Timestamp, next.SequenceNumber, Concealed: false), now) is { } result) return result;
            }
            return null;
        }

        AmdResult? OnTick(TimeSpan now)
        {
            if (!countPacketsOnly && clock.OnTick(now) is { } result) return result;
            if (now < limit) return null;
            return countPacketsOnly ? counting.Expire() : clock.Detector.Expire();
        }

        foreach (var scheduled in packets)
        {
            for (; nextTick <= scheduled.Arrival; nextTick += Tick)
            {
                if (OnTick(nextTick) is { } ticked) return ticked;
            }
            if (Receive(scheduled.Packet, scheduled.Arrival) is { } heard) return heard;
        }
        for (; ; nextTick += Tick)
        {
            if (OnTick(nextTick) is { } ticked) return ticked;
        }
    }
}
