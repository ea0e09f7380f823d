using System.Collections.Concurrent;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>
/// Renders rejection samples as a caller line carries them and cuts each utterance out the way a call does: espeak-ng
/// speech through sox to 8 kHz G.711 µ-law, between stretches of quiet line noise, found by the energy detector.
/// </summary>
internal sealed class RejectionAudio(string cacheDirectory)
{
    private readonly ConcurrentDictionary<int, EspeakTextToSpeech> voices = new();

    /// <summary>The utterance the detector cut out, as 8 kHz linear PCM.</summary>
    public async Task<short[]> UtteranceAsync(RejectionSample sample, CancellationToken cancellationToken = default)
    {
        var tts = voices.GetOrAdd(sample.WordsPerMinute, rate => new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = cacheDirectory, WordsPerMinute = rate }));
        var speech = await tts.SynthesizeAsync(sample.Phrase, sample.Voice, cancellationToken);
        return Cut(speech.MuLaw);
    }

    /// <summary>Decodes every sample with <paramref name="recognizer"/>, two at a time (one per core here).</summary>
    public async Task<List<(RejectionSample Sample, string Text, double? Fit)>> DecodeAsync(
        IEnumerable<RejectionSample> samples, ISpeechRecognizer recognizer, JsgfGrammar grammar, CancellationToken cancellationToken = default)
    {
        var list = samples.ToList();
        var results = new (RejectionSample, string, double?)[list.Count];
        await Parallel.ForAsync(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var heard = await recognizer.RecognizeAsync(await UtteranceAsync(list[i], ct), grammar, ct);
            // The grammar's words are kept even when rejected, so that thresholds can be compared offline.
            results[i] = (list[i], heard.OutOfGrammar ? "(rejected)" : heard.Text, heard.GrammarFit);
        });
        return [.. results];
    }

    private static short[] Cut(byte[] muLaw)
    {
        // Seeded by the length so each phrase always gets the same noise and the figures repeat run after run.
        var random = new Random(muLaw.Length);
        short[] Hiss(int n) => Enumerable.Range(0, n).Select(_ => (short)random.Next(-40, 41)).ToArray();
        var line = PhoneAudio.EncodeMuLaw([.. Hiss(4000), .. PhoneAudio.DecodeMuLaw(muLaw), .. Hiss(12000)]);
        var vad = new EnergyVoiceActivityDetector();
        for (var i = 0; i + PhoneAudio.FrameSamples <= line.Length; i += PhoneAudio.FrameSamples)
        {
            var activity = vad.ProcessMuLaw(line.AsSpan(i, PhoneAudio.FrameSamples));
            if (activity.Kind == VoiceActivityKind.UtteranceEnded)
            {
                return activity.Utterance!;
            }
        }

        return PhoneAudio.DecodeMuLaw(muLaw);
    }
}
