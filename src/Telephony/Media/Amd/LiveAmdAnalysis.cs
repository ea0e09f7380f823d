using System.Net;
using ContactCenter.Telephony.Rtp;

namespace ContactCenter.Telephony.Media.Amd;

/// <summary>
/// Runs answering-machine detection on a live call in audio time: received frames, comfort-noise packets (seen on
/// the RTP session underneath an <see cref="RtpMediaSession"/>, which does not decode them) and a 20 ms clock for the
/// time in which nothing arrives, all through one <see cref="ReceivedAudioClock"/>; bounded in wall-clock time so it
/// ends even when the far end's audio never comes.
/// </summary>
internal static class LiveAmdAnalysis
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    public static async Task<AmdResult> RunAsync(IMediaSession session, AmdOptions options, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var clock = new ReceivedAudioClock(options);
        var done = new TaskCompletionSource<AmdResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        var started = time.GetTimestamp();

        void Settle(AmdResult? result)
        {
            if (result is not null) done.TrySetResult(result);
        }

        void OnAudio(AudioFrame frame)
        {
            lock (gate) Settle(clock.OnFrame(frame, time.GetElapsedTime(started)));
        }

        void OnPacket(RtpPacket packet, IPEndPoint from)
        {
            if (packet.PayloadType != options.ComfortNoisePayloadType) return;
            lock (gate) Settle(clock.OnComfortNoise(packet.Timestamp, time.GetElapsedTime(started)));
        }

        var rtp = (session as RtpMediaSession)?.Rtp;
        session.AudioReceived += OnAudio;
        if (rtp is not null) rtp.PacketReceived += OnPacket;
        try
        {
            using var tick = new PeriodicTimer(Tick, time);
            while (true)
            {
                var next = tick.WaitForNextTickAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(done.Task, next) == done.Task) return await done.Task;
                await next; // throws when cancelled
                lock (gate)
                {
                    if (done.Task.IsCompleted) return done.Task.Result;
                    var elapsed = time.GetElapsedTime(started);
                    if (clock.OnTick(elapsed) is { } result) return result;
                    if (elapsed >= limit) return clock.Detector.Expire();
                }
            }
        }
        finally
        {
            session.AudioReceived -= OnAudio;
            if (rtp is not null) rtp.PacketReceived -= OnPacket;
        }
    }
}
