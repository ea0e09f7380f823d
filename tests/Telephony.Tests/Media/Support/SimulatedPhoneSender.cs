using ContactCenter.Telephony.Media.Amd;
using ContactCenter.Telephony.Media.Audio;
using ContactCenter.Telephony.Media.Codecs;
using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Tests.Media.Support;

/// <summary>
/// Turns a callee's audio into the RTP a phone or carrier would send, with the arrival time of each packet: PCMU in
/// 20 ms packets, silence sent, left out, or replaced by comfort noise as <see cref="SenderSilenceMode"/> says. The
/// phone's voice activity detection is energy based with a hangover, as in real phones, so a talkspurt keeps a short
/// tail of quiet frames. Timestamps run on through a pause and the first packet of a talkspurt has the marker bit
/// (RFC 3551 §4.1); a comfort-noise packet takes a sequence number like any packet (RFC 3389 §4).
/// </summary>
public sealed record SimulatedPhoneSender
{
    /// <summary>Static payload type of comfort noise at 8 kHz (RFC 3551 §6).</summary>
    public const int ComfortNoisePayloadType = 13;

    private const int FrameSamples = 160;
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);

    /// <summary>What the phone sends during silence.</summary>
    public SenderSilenceMode Mode { get; init; } = SenderSilenceMode.SilencePackets;

    /// <summary>Mean absolute level from which the phone's detector hears speech (more sensitive than AMD's 256).</summary>
    public int VoiceThreshold { get; init; } = 120;

    /// <summary>Quiet frames still sent after speech, so a word's tail is not clipped.</summary>
    public int HangoverFrames { get; init; } = 5;

    /// <summary>Repeat interval of comfort-noise updates during a long silence; null sends one per silence.</summary>
    public TimeSpan? ComfortNoiseInterval { get; init; }

    /// <summary>One-way network delay.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Largest extra delay drawn per packet (so packets may arrive out of order).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Seed for the jitter, the initial sequence number and the initial timestamp.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The packets for <paramref name="clip"/>, in arrival order.</summary>
    public IReadOnlyList<ScheduledPacket> Send(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var random = new Random(Seed);
        var sequence = (ushort)random.Next(0, 65536);
        var timestampBase = (uint)random.NextInt64(0, 1L << 32);
        const uint ssrc = 0x5eed_0001;
        var packets = new List<ScheduledPacket>();

        void Add(int frameIndex, int payloadType, byte[] payload, bool marker, uint timestamp)
        {
            // A frame leaves once it has been captured: at the end of its 20 ms.
            var sent = FrameTime * (frameIndex + 1);
            var arrival = sent + Delay + (Jitter > TimeSpan.Zero ? Jitter * random.NextDouble() : TimeSpan.Zero);
            packets.Add(new ScheduledPacket(arrival, new RtpPacket(payloadType, sequence++, timestamp, ssrc, payload, marker)));
        }

        var samples = clip.Samples.Span;
        var frameCount = (samples.Length + FrameSamples - 1) / FrameSamples;
        var hangover = 0;
        var talking = false;
        TimeSpan? lastComfortNoise = null;
        for (var i = 0; i < frameCount; i++)
        {
            var frame = new short[FrameSamples];
            samples.Slice(i * FrameSamples, Math.Min(FrameSamples, samples.Length - i * FrameSamples)).CopyTo(frame);
            var timestamp = timestampBase + (uint)(i * FrameSamples);
            var speech = VoiceActivity.MeanAbsoluteLevel(frame) >= VoiceThreshold;
            hangover = speech ? HangoverFrames : Math.Max(0, hangover - 1);
            var send = Mode == SenderSilenceMode.SilencePackets || speech || hangover > 0;
            if (send)
            {
                Add(i, 0, G711.Encode(G711Law.MuLaw, frame), marker: !talking, timestamp);
                talking = true;
                lastComfortNoise = null;
                continue;
            }

            talking = false;
            var now = FrameTime * i;
            if (Mode == SenderSilenceMode.ComfortNoise
                && (lastComfortNoise is null || (ComfortNoiseInterval is { } every && now - lastComfortNoise.Value >= every)))
            {
                // RFC 3389 §3: one byte of noise level in -dBov; 70 is a quiet room.
                Add(i, ComfortNoisePayloadType, [70], marker: false, timestamp);
                lastComfortNoise = now;
            }
        }
        return [.. packets.OrderBy(p => p.Arrival)];
    }
}
