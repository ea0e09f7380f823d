using System.Collections.Concurrent;
using ContactCenter.Telephony.Speech;

namespace ContactCenter.Telephony.Tests.Speech;

/// <summary>espeak-ng phrases through G.711, rendered once per test run, and the grammar of the expected answers.</summary>
internal static class SpeechSamples
{
    public static readonly string[] Phrases = ["yes", "no", "stop calling me", "call me back tomorrow", "talk to a person"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Rendered = new(StringComparer.Ordinal);
    private static readonly string CacheDirectory = Directory.CreateTempSubdirectory("cc-speech-samples-").FullName;

    public static JsgfGrammar Grammar() => JsgfGrammar.Build("answers", Phrases, PronunciationDictionary.Load());

    /// <summary>The phrase as 8 kHz µ-law.</summary>
    public static Task<byte[]> MuLawAsync(string phrase) =>
        Rendered.GetOrAdd(phrase, p => new Lazy<Task<byte[]>>(async () =>
            (await new EspeakTextToSpeech(new EspeakOptions { CacheDirectory = CacheDirectory }).SynthesizeAsync(p)).MuLaw)).Value;

    /// <summary>The phrase between stretches of line silence, cut into 20 ms µ-law frames as RTP brings them.</summary>
    public static async Task<List<byte[]>> FramesAsync(string phrase, TimeSpan before, TimeSpan after)
    {
        var speech = await MuLawAsync(phrase);
        var silence = PhoneAudio.EncodeMuLaw(new short[PhoneAudio.FrameSamples]);
        var frames = new List<byte[]>();
        for (var t = TimeSpan.Zero; t < before; t += TimeSpan.FromMilliseconds(20))
        {
            frames.Add(silence);
        }

        for (var i = 0; i < speech.Length; i += PhoneAudio.FrameSamples)
        {
            var frame = new byte[PhoneAudio.FrameSamples];
            Array.Fill(frame, silence[0]);
            speech.AsSpan(i, Math.Min(PhoneAudio.FrameSamples, speech.Length - i)).CopyTo(frame);
            frames.Add(frame);
        }

        for (var t = TimeSpan.Zero; t < after; t += TimeSpan.FromMilliseconds(20))
        {
            frames.Add(silence);
        }

        return frames;
    }
}
