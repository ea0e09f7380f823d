using System.Collections.Concurrent;
using System.Diagnostics;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.SpeechLoad;

/// <summary>
/// Simulated callers at RTP pace: each answers with one of the phrases after a pause, its frames go to a voice
/// detector as <c>VoiceConversation</c> runs it (and, in process, to the conversation's streaming recogniser), and
/// the time from the detector's end of utterance to the recognised words is measured.
/// </summary>
internal static class StreamingLoad
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>Decode threads; 0 is one per core.</summary>
    public static int Workers { get; set; }

    /// <summary>Wrong answers of all runs so far, by what was said and what was heard.</summary>
    public static ConcurrentDictionary<string, int> Misses { get; } = new(StringComparer.Ordinal);

    public static async Task<LoadResult> RunAsync(int streams, TimeSpan duration, CallerAudio audio, bool process)
    {
        using var inProcess = process ? null : new InProcessSpeechRecognizer(limits: new InProcessRecognitionOptions { MaxConversations = streams, MaxIdleDecoders = streams, DecodeWorkers = Workers });
        ISpeechRecognizer recognizer = inProcess is null ? new PocketSphinxRecognizer() : inProcess;
        var conversations = Enumerable.Range(0, streams).Select(_ => inProcess?.TryOpenConversation(audio.Grammar)).ToList();
        try
        {
            await WarmUpAsync(conversations, audio);
            var latencies = new ConcurrentBag<double>();
            var correct = 0;
            var cpuBefore = CpuClock.Used();
            var clock = Stopwatch.StartNew();
            var deadline = clock.Elapsed + duration;
            await Task.WhenAll(conversations.Select((c, i) => Task.Run(async () =>
            {
                var hits = await CallAsync(i, c, recognizer, audio, () => clock.Elapsed < deadline, latencies);
                Interlocked.Add(ref correct, hits);
            })));
            var cpu = (CpuClock.Used() - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds / Environment.ProcessorCount * 100;
            var sorted = latencies.Order().ToArray();
            using var self = Process.GetCurrentProcess();
            return new LoadResult(
                process ? "process per utterance" : "in process, streaming",
                streams,
                sorted.Length,
                correct,
                conversations.Sum(c => c?.StreamedUtterances ?? 0),
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.95),
                sorted.Length > 0 ? sorted[^1] : double.NaN,
                cpu,
                self.WorkingSet64 / 1048576.0,
                inProcess?.LiveDecoders ?? 0);
        }
        finally
        {
            conversations.ForEach(c => c?.Dispose());
        }
    }

    private static async Task<int> CallAsync(int index, ConversationRecognizer? conversation, ISpeechRecognizer recognizer, CallerAudio audio, Func<bool> running, ConcurrentBag<double> latencies)
    {
        var detector = new EnergyVoiceActivityDetector();
        var silence = PhoneAudio.EncodeMuLaw(new short[PhoneAudio.FrameSamples]);
        var random = new Random(index);
        using var timer = new PeriodicTimer(Frame);
        var correct = 0;
        var turn = index;
        // Callers start out of step, as real calls do.
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 1000)));
        while (running())
        {
            var phrase = turn % CallerAudio.Phrases.Length;
            var frames = Frames(audio.MuLaw[phrase], silence, pauseFrames: random.Next(15, 40));
            var heard = false;
            for (var i = 0; running() && !heard; i++)
            {
                var frame = i < frames.Count ? frames[i] : silence;
                conversation?.OnFrame(frame);
                if (detector.ProcessMuLaw(frame).Utterance is { } utterance)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await (conversation ?? recognizer).RecognizeAsync(utterance, audio.Grammar);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (result.Text == CallerAudio.Phrases[phrase])
                    {
                        correct++;
                    }
                    else
                    {
                        Misses.AddOrUpdate($"'{CallerAudio.Phrases[phrase]}' heard as '{result.Text}'", 1, (_, n) => n + 1);
                    }

                    detector.Reset();
                    heard = true;
                }

                await timer.WaitForNextTickAsync();
            }

            turn++;
        }

        return correct;
    }

    // Loading a decoder takes far longer than decoding; the steady state is what is measured.
    private static async Task WarmUpAsync(List<ConversationRecognizer?> conversations, CallerAudio audio)
    {
        var warm = conversations.Where(c => c is not null).Select(c => c!.RecognizeAsync(PhoneAudio.DecodeMuLaw(audio.MuLaw[0]), audio.Grammar));
        await Task.WhenAll(warm);
    }

    private static List<byte[]> Frames(byte[] speech, byte[] silence, int pauseFrames)
    {
        var frames = Enumerable.Repeat(silence, pauseFrames).ToList();
        for (var i = 0; i < speech.Length; i += PhoneAudio.FrameSamples)
        {
            var frame = new byte[PhoneAudio.FrameSamples];
            Array.Fill(frame, silence[0]);
            speech.AsSpan(i, Math.Min(PhoneAudio.FrameSamples, speech.Length - i)).CopyTo(frame);
            frames.Add(frame);
        }

        return frames;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
